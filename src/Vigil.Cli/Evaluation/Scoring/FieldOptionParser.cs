using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Parses <c>--field NAME=KIND[:FLAG,FLAG]</c>: KIND <c>text</c>, <c>date</c>, <c>number</c> or <c>currency</c> (a number);
/// flags <c>day-first</c> (dates), <c>decimal-comma</c> (numbers), <c>case-sensitive</c>, <c>keep-whitespace</c>.
/// NAME is a dotted field path, or <c>*</c> for every field not named. Unnamed fields are text compared ignoring case
/// and runs of whitespace.
/// </summary>
internal static class FieldOptionParser
{
    public static ExtractionOptions Parse(IEnumerable<string> values, ExtractionOptions options)
    {
        var fields = new Dictionary<string, FieldNormalization>(StringComparer.Ordinal);
        var defaults = options.DefaultNormalization;
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? value[..eq].Trim() : throw new UsageException($"--field '{value}': expected NAME=KIND[:FLAGS], e.g. invoice.date=date:day-first.");
            var spec = value[(eq + 1)..].Trim();
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
            var normalization = new FieldNormalization
            {
                Kind = kind switch
                {
                    "text" => FieldValueKind.Text,
                    "date" => FieldValueKind.Date,
                    "number" or "currency" => FieldValueKind.Number,
                    _ => throw new UsageException($"--field '{value}': the kind must be text, date, number or currency."),
                },
            };
            foreach (var flag in colon < 0 ? [] : spec[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                normalization = flag.ToLowerInvariant() switch
                {
                    "day-first" => normalization with { DayFirst = true },
                    "decimal-comma" => normalization with { DecimalSeparator = ',' },
                    "case-sensitive" => normalization with { IgnoreCase = false },
                    "keep-whitespace" => normalization with { CollapseWhitespace = false },
                    _ => throw new UsageException($"--field '{value}': unknown flag '{flag}' (day-first, decimal-comma, case-sensitive, keep-whitespace)."),
                };
            }

            if (name == "*")
            {
                defaults = normalization;
            }
            else
            {
                fields[name] = normalization;
            }
        }

        return options with { DefaultNormalization = defaults, Fields = fields };
    }
}
