using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>Runs the vigil command in-process, with reports written to temporary files.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vigil-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>A file of the repository's samples/ folder, copied beside the tests by the project file.</summary>
    public static string Samples(string file) => Path.Combine(AppContext.BaseDirectory, "samples", file);

    public static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var exit = VigilApp.Run(args, error);
        return (exit, error.ToString());
    }

    /// <summary>Runs drift with --format json into a file and parses it.</summary>
    public (int Exit, JsonDocument Report) DriftJson(params string[] args)
    {
        var output = PathOf($"report-{Guid.NewGuid():N}.json");
        var (exit, error) = Run([.. args, "--format", "json", "--output", output]);
        Assert.True(File.Exists(output), $"no report written (exit {exit}): {error}");
        return (exit, JsonDocument.Parse(File.ReadAllText(output)));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
