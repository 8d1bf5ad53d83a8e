namespace Vigil.Storage.Registry;

/// <summary>Stage names as written in the API, the CLI and policies: none, staging, production, archived.</summary>
public static class Stages
{
    /// <summary>The lower-case name.</summary>
    public static string Name(Stage stage) => stage switch
    {
        Stage.None => "none",
        Stage.Staging => "staging",
        Stage.Production => "production",
        Stage.Archived => "archived",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>Parses a stage name (case-insensitive).</summary>
    public static bool TryParse(string? name, out Stage stage)
    {
        switch (name?.ToLowerInvariant())
        {
            case "none": stage = Stage.None; return true;
            case "staging": stage = Stage.Staging; return true;
            case "production": stage = Stage.Production; return true;
            case "archived": stage = Stage.Archived; return true;
            default: stage = Stage.None; return false;
        }
    }
}
