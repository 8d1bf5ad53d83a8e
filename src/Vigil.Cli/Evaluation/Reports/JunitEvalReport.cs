using System.Globalization;
using System.Text;
using System.Xml;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>
/// JUnit XML (<c>--junit FILE</c>) for CI test reports: one test suite, one test case per gate (class name
/// <c>vigil.eval.TASK</c>, name the gate); a failed gate has a <c>failure</c> with the reason. Nothing
/// time-dependent is written, so the same run gives the same file.
/// </summary>
internal static class JunitEvalReport
{
    public static void Write(EvalReport report, Stream output)
    {
        var failures = report.Gates.Count(g => !g.Passed).ToString(CultureInfo.InvariantCulture);
        var tests = report.Gates.Count.ToString(CultureInfo.InvariantCulture);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "vigil eval");
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", "0");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", $"vigil eval {Path.GetFileName(report.DatasetPath)}");
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteStartElement("properties");
        Property(xml, "task", TaskInputCheck.Name(report.Task));
        Property(xml, "dataset", report.DatasetPath);
        Property(xml, "dataset_hash", report.DatasetHash);
        Property(xml, "count", report.Count.ToString(CultureInfo.InvariantCulture));
        Property(xml, "scored", report.Scored.ToString(CultureInfo.InvariantCulture));
        foreach (var metric in ReportFormat.MetricOrder(report.Metrics.Keys))
        {
            Property(xml, "metric." + metric, report.Metrics[metric].ToString("R", CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
        foreach (var gate in report.Gates)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", $"vigil.eval.{TaskInputCheck.Name(report.Task)}");
            xml.WriteAttributeString("name", gate.Gate.ToString());
            xml.WriteAttributeString("time", "0");
            if (!gate.Passed)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "GateFailed");
                xml.WriteAttributeString("message", $"{gate.Gate}: {gate.Note}");
                xml.WriteString($"{gate.Gate.Metric} = {ReportFormat.Number(gate.Value)}"
                    + (gate.Baseline is { } b ? $", baseline {ReportFormat.Number(b)}, delta {ReportFormat.Delta(gate)}" : string.Empty)
                    + $"\n{gate.Note}");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}
