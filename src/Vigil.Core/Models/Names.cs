namespace Vigil.Core.Models;

/// <summary>Rules for names that appear in routes: models, versions, variants, pipelines.</summary>
public static class Names
{
    /// <summary>Longest name.</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="name"/> is 1 to 100 of letters, digits, '.', '_', '-' (not "." or "..").</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
