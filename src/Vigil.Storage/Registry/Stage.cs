namespace Vigil.Storage.Registry;

/// <summary>A registry stage.</summary>
public enum Stage
{
    /// <summary>Registered, not staged.</summary>
    None,

    /// <summary>Under evaluation before release.</summary>
    Staging,

    /// <summary>Serving users.</summary>
    Production,

    /// <summary>Retired.</summary>
    Archived,
}
