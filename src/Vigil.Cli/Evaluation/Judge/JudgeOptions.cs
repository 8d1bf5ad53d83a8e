using System.Globalization;
using Vigil.Cli.Evaluation.Http;

namespace Vigil.Cli.Evaluation.Judge;

/// <summary>How the LLM judge is called (<c>--judge-*</c> options, docs/eval.md).</summary>
internal sealed record JudgeOptions
{
    /// <summary>The environment variable holding the judge's API key; the key is sent as a bearer token and never printed.</summary>
    public const string ApiKeyVariable = "VIGIL_JUDGE_API_KEY";

    /// <summary>Base URL of an OpenAI-compatible server; requests go to <c>{base}/v1/chat/completions</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The <c>model</c> field of each request.</summary>
    public required string Model { get; init; }

    /// <summary>The rubric (prompt template).</summary>
    public required JudgeRubric Rubric { get; init; }

    /// <summary>The API key, or null to send no Authorization header.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Lowest score the rubric allows (<c>--judge-scale MIN-MAX</c>). Default 1.</summary>
    public double ScaleMin { get; init; } = 1;

    /// <summary>Highest score the rubric allows. Default 5.</summary>
    public double ScaleMax { get; init; } = 5;

    /// <summary>An item passes when its score is at least this (<c>--judge-pass</c>); default the scale's midpoint.</summary>
    public double? PassThreshold { get; init; }

    /// <summary>Price per 1,000,000 prompt tokens (<c>--judge-price-in</c>); cost is reported when a price is given.</summary>
    public double? PriceIn { get; init; }

    /// <summary>Price per 1,000,000 completion tokens (<c>--judge-price-out</c>).</summary>
    public double? PriceOut { get; init; }

    /// <summary>Judge requests in flight at most (<c>--concurrency</c>). Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Timeouts and retries of judge calls.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>The pass threshold in effect: <see cref="PassThreshold"/> or the midpoint of the scale.</summary>
    public double Pass => PassThreshold ?? ((ScaleMin + ScaleMax) / 2);

    /// <summary>The chat-completions URL: the base URL with <c>/v1/chat/completions</c> (a base ending in <c>/v1</c> is not doubled).</summary>
    public Uri CompletionsUrl
    {
        get
        {
            var text = BaseUrl.ToString().TrimEnd('/');
            return new Uri(text.EndsWith("/v1", StringComparison.Ordinal) ? text + "/chat/completions" : text + "/v1/chat/completions");
        }
    }

    /// <summary>Parses <c>MIN-MAX</c> (e.g. <c>1-5</c>, <c>0-10</c>, <c>0-1</c>).</summary>
    public static (double Min, double Max) ParseScale(string text)
    {
        var dash = text.IndexOf('-', 1);
        if (dash > 0
            && double.TryParse(text[..dash], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(text[(dash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            && double.IsFinite(min) && double.IsFinite(max) && min < max)
        {
            return (min, max);
        }

        throw new UsageException($"--judge-scale '{text}': expected MIN-MAX with MIN < MAX, e.g. 1-5.");
    }

    /// <summary>Throws <see cref="UsageException"/> naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--judge-url {BaseUrl}: must be an http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new UsageException("--judge-model must name the judge model.");
        }

        if (PassThreshold is { } pass && (pass < ScaleMin || pass > ScaleMax))
        {
            throw new UsageException($"--judge-pass {pass.ToString(CultureInfo.InvariantCulture)} is outside the scale {ScaleMin.ToString(CultureInfo.InvariantCulture)}-{ScaleMax.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (PriceIn is < 0 || PriceOut is < 0 || PriceIn is { } i && !double.IsFinite(i) || PriceOut is { } o && !double.IsFinite(o))
        {
            throw new UsageException("--judge-price-in and --judge-price-out must be finite, non-negative prices per 1M tokens.");
        }

        if (Concurrency is < 1 or > 256)
        {
            throw new UsageException("--concurrency must be between 1 and 256.");
        }

        Retry.Validate();
    }
}
