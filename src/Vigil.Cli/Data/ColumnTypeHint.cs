namespace Vigil.Cli.Data;

/// <summary>A column type the user forced, or <see cref="Infer"/>.</summary>
internal enum ColumnTypeHint
{
    Infer,
    Numerical,
    Categorical,
}
