using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Demo;

/// <summary>
/// Simulated traffic of a loan-default model with two versions: v1 (primary, 80%) and v2 (canary, 20%). From a
/// chosen moment the <c>income</c> feature drifts down, v2's inference stage slows down, and 1% of rows are
/// malformed. Seeded, so every run tells the same story.
/// </summary>
internal sealed class DemoTraffic(int seed)
{
    public static readonly string[] Regions = ["north", "south", "east", "west"];
    public static readonly string[] Employment = ["salaried", "self-employed", "contract", "unemployed"];
    public static readonly string[] Channels = ["web", "mobile", "branch"];
    private readonly Random _random = new(seed);
    private readonly string _prefix = $"demo-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x}-";
    private long _next;

    public const string SchemaJson = """
        {
          "prediction_type": "binary",
          "classes": ["no", "yes"],
          "window_minutes": 60,
          "description": "Demo: probability that a loan defaults.",
          "features": [
            {"name": "income", "type": "numerical"},
            {"name": "loan_amount", "type": "numerical"},
            {"name": "credit_score", "type": "numerical"},
            {"name": "debt_to_income", "type": "numerical"},
            {"name": "tenure_years", "type": "numerical"},
            {"name": "region", "type": "categorical"},
            {"name": "employment", "type": "categorical"}
          ]
        }
        """;

    /// <summary>One applicant's features (drifted when <paramref name="drift"/>), the model's score, and the true outcome.</summary>
    public (Dictionary<string, object> Features, double Score, bool Defaults) Applicant(bool drift)
    {
        var income = Math.Exp(Normal(10.9, 0.45)) * (drift ? 0.72 : 1.0);
        var loan = Math.Exp(Normal(9.6, 0.6));
        var credit = Math.Clamp(Normal(690, 55), 300, 850);
        var dti = Math.Clamp(loan / income * 2.2 + Normal(0.1, 0.05), 0, 2);
        var tenure = Math.Max(0, Normal(6, 4));
        var region = Regions[_random.Next(Regions.Length)];
        var employment = Employment[Weighted([0.62, 0.2, 0.12, 0.06])];
        var z = -2.2 + (2.4 * dti) - ((credit - 690) / 45) + (employment == "unemployed" ? 1.4 : 0) - (0.03 * tenure);
        var score = 1 / (1 + Math.Exp(-z));
        var defaults = _random.NextDouble() < 1 / (1 + Math.Exp(-(z + Normal(0, 0.6))));
        var features = new Dictionary<string, object>
        {
            ["income"] = Math.Round(income, 2),
            ["loan_amount"] = Math.Round(loan, 2),
            ["credit_score"] = Math.Round(credit),
            ["debt_to_income"] = Math.Round(dti, 4),
            ["tenure_years"] = Math.Round(tenure, 1),
            ["region"] = region,
            ["employment"] = employment,
        };
        return (features, score, defaults);
    }

    /// <summary>Reference rows (features and prediction) for a version's baseline, as a JSON array.</summary>
    public byte[] ReferenceRows(int count)
    {
        var rows = new List<Dictionary<string, object>>(count);
        for (var i = 0; i < count; i++)
        {
            var (features, score, _) = Applicant(drift: false);
            features["prediction"] = score >= 0.5 ? "yes" : "no";
            rows.Add(features);
        }

        return JsonSerializer.SerializeToUtf8Bytes(rows);
    }

    /// <summary>A batch of prediction events at <paramref name="time"/> (JSON Lines), with the labels they will get.</summary>
    public (byte[] Body, List<(string Id, string Label, DateTimeOffset Time)> Labels, int Malformed) Predictions(int count, DateTimeOffset time, bool drift, bool slowCanary)
    {
        var body = new StringBuilder();
        var labels = new List<(string, string, DateTimeOffset)>(count);
        var malformed = 0;
        for (var i = 0; i < count; i++)
        {
            var id = $"{_prefix}{++_next:D8}";
            var canary = _random.NextDouble() < 0.2;
            var version = canary ? "v2" : "v1";
            var (features, score, defaults) = Applicant(drift);
            if (canary)
            {
                score = Math.Clamp(score + Normal(0, 0.03), 0, 1);
            }

            var featurize = Math.Exp(Normal(1.2, 0.3));
            var inference = Math.Exp(Normal(canary ? 2.9 : 2.7, 0.35)) * (canary && slowCanary ? 2.6 : 1);
            var post = Math.Exp(Normal(0.3, 0.4));
            var failed = _random.NextDouble() < (canary ? 0.012 : 0.004);
            var ts = time.AddMilliseconds(_random.Next(0, 60_000)).ToString("O", CultureInfo.InvariantCulture);
            var e = new Dictionary<string, object?>
            {
                ["id"] = id,
                ["timestamp"] = ts,
                ["version"] = version,
                ["variant"] = canary ? "canary" : "primary",
                ["features"] = features,
                ["prediction"] = failed ? null : score >= 0.5 ? "yes" : "no",
                ["score"] = failed ? null : Math.Round(score, 5),
                ["latency_ms"] = Math.Round(featurize + inference + post, 3),
                ["stages"] = new Dictionary<string, double> { ["featurize"] = Math.Round(featurize, 3), ["inference"] = Math.Round(inference, 3), ["postprocess"] = Math.Round(post, 3) },
                ["segments"] = new Dictionary<string, string> { ["region"] = (string)features["region"], ["channel"] = Channels[_random.Next(Channels.Length)] },
            };
            if (failed)
            {
                e["error"] = "upstream feature store timeout";
            }

            if (_random.NextDouble() < 0.01)
            {
                malformed++;
                if (_random.NextDouble() < 0.5)
                {
                    features["credit_score"] = "n/a"; // a number column receiving text
                }
                else
                {
                    e.Remove("version");
                }
            }
            else if (!failed && _random.NextDouble() < 0.9)
            {
                labels.Add((id, defaults ? "yes" : "no", time));
            }

            body.Append(JsonSerializer.Serialize(e)).Append('\n');
        }

        return (Encoding.UTF8.GetBytes(body.ToString()), labels, malformed);
    }

    private double Normal(double mean, double sd)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private int Weighted(double[] weights)
    {
        var u = _random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
