using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// A model's promotion policy, stored as data:
/// <c>{"max_production_versions": 1, "rules": [{"kind": "from_stage", "to": "production", "stages": ["staging"]}, ...]}</c>.
/// </summary>
/// <param name="MaxProductionVersions">How many versions may be in Production at once (entering beyond it archives the oldest).</param>
/// <param name="Rules">The rules, each guarding its target stage.</param>
/// <param name="Json">The policy as stored.</param>
public sealed record PromotionPolicy(int MaxProductionVersions, IReadOnlyList<IPromotionRule> Rules, string Json)
{
    /// <summary>The default policy: one Production version, reached from Staging.</summary>
    public const string DefaultJson = """{"max_production_versions":1,"rules":[{"kind":"from_stage","to":"production","stages":["staging"]}]}""";
}

/// <summary>Reads policies with the rule kinds registered in the service collection.</summary>
public sealed class PromotionPolicies
{
    private readonly Dictionary<string, IPromotionRuleKind> _kinds;

    /// <summary>Creates the reader over the registered kinds.</summary>
    public PromotionPolicies(IEnumerable<IPromotionRuleKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    }

    /// <summary>The kinds known.</summary>
    public IEnumerable<string> Kinds => _kinds.Keys.Order(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="json"/> (the default when null).</summary>
    /// <exception cref="PolicyException">The policy is malformed; the message names the rule and setting.</exception>
    public PromotionPolicy Parse(string? json)
    {
        json ??= PromotionPolicy.DefaultJson;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PolicyException($"the policy is not valid JSON: {ex.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyException("the policy must be a JSON object: {\"max_production_versions\": 1, \"rules\": [...]}.");
            }

            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("max_production_versions" or "rules"))
                {
                    throw new PolicyException($"policy: unknown field '{p.Name}' (fields: max_production_versions, rules).");
                }
            }

            var max = 1;
            if (root.TryGetProperty("max_production_versions", out var m))
            {
                if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out max) || max < 1 || max > 100)
                {
                    throw new PolicyException("policy: max_production_versions must be an integer from 1 to 100.");
                }
            }

            var rules = new List<IPromotionRule>();
            if (root.TryGetProperty("rules", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new PolicyException("policy: rules must be an array of {\"kind\": ..., \"to\": ...} objects.");
                }

                var i = 0;
                foreach (var r in list.EnumerateArray())
                {
                    rules.Add(ParseRule(r, i++));
                }
            }

            return new PromotionPolicy(max, rules, JsonSerializer.Serialize(root));
        }
    }

    private IPromotionRule ParseRule(JsonElement r, int index)
    {
        if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String)
        {
            throw new PolicyException($"policy: rules[{index}] must be an object with a string 'kind' ({string.Join(", ", Kinds)}).");
        }

        if (!_kinds.TryGetValue(k.GetString()!, out var kind))
        {
            throw new PolicyException($"policy: rules[{index}].kind '{k.GetString()}' is unknown; kinds are {string.Join(", ", Kinds)}.");
        }

        var target = Stage.Production;
        if (r.TryGetProperty("to", out var to))
        {
            if (to.ValueKind != JsonValueKind.String || !Stages.TryParse(to.GetString(), out target))
            {
                throw new PolicyException($"policy: rules[{index}].to must be a stage: none, staging, production or archived.");
            }
        }

        try
        {
            return kind.Create(r, target);
        }
        catch (PolicyException ex)
        {
            throw new PolicyException($"policy: rules[{index}] ({kind.Kind}): {ex.Message}");
        }
    }
}
