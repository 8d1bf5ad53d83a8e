using System.Text;
using System.Text.RegularExpressions;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation.Judge;

/// <summary>
/// A rubric file: the judge's prompt, with placeholders <c>{{input}}</c>, <c>{{expected}}</c> and
/// <c>{{prediction}}</c> (or, pairwise, <c>{{prediction_a}}</c> and <c>{{prediction_b}}</c>). A string value is
/// inserted as is, any other JSON value as compact JSON.
/// </summary>
internal sealed partial class JudgeRubric
{
    private static readonly string[] SinglePlaceholders = ["input", "expected", "prediction"];
    private static readonly string[] PairPlaceholders = ["input", "expected", "prediction_a", "prediction_b"];

    private JudgeRubric(string path, string template, bool pairwise, IReadOnlySet<string> used)
    {
        Path = path;
        Template = template;
        Pairwise = pairwise;
        Uses = used;
    }

    /// <summary>The rubric file.</summary>
    public string Path { get; }

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>The rubric compares two predictions.</summary>
    public bool Pairwise { get; }

    /// <summary>The placeholders the template uses.</summary>
    public IReadOnlySet<string> Uses { get; }

    /// <summary>Reads and checks a rubric: only known placeholders, and the prediction placeholder(s) present.</summary>
    public static JudgeRubric Load(string path, bool pairwise)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"--rubric {path}: not found.");
        }

        return Parse(path, File.ReadAllText(path), pairwise);
    }

    /// <summary>Checks a rubric template (see <see cref="Load"/>).</summary>
    public static JudgeRubric Parse(string path, string template, bool pairwise)
    {
        var allowed = pairwise ? PairPlaceholders : SinglePlaceholders;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Placeholder().Matches(template))
        {
            var name = m.Groups[1].Value;
            if (!allowed.Contains(name))
            {
                throw new InputException($"--rubric {path}: unknown placeholder {{{{{name}}}}}; a {(pairwise ? "pairwise" : "single")} rubric may use {string.Join(", ", allowed.Select(a => "{{" + a + "}}"))}.");
            }

            used.Add(name);
        }

        var required = pairwise ? new[] { "prediction_a", "prediction_b" } : ["prediction"];
        foreach (var r in required)
        {
            if (!used.Contains(r))
            {
                throw new InputException($"--rubric {path}: the rubric must contain {{{{{r}}}}}{(pairwise ? " (pairwise mode, --predictions-b)" : string.Empty)}.");
            }
        }

        return new JudgeRubric(path, template, pairwise, used);
    }

    /// <summary>The prompt with each placeholder replaced by its value (missing values as empty text).</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(Template.Length + 256);
        var last = 0;
        foreach (Match m in Placeholder().Matches(Template))
        {
            text.Append(Template, last, m.Index - last);
            text.Append(values.TryGetValue(m.Groups[1].Value, out var v) ? v : string.Empty);
            last = m.Index + m.Length;
        }

        return text.Append(Template, last, Template.Length - last).ToString();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
