using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

public sealed class ProfileCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Drift_ExactProfileAgainstData_EqualsRawDrift()
    {
        // 800 and 400 rows: below the exact limit, so profiles keep every value and results equal the raw ones.
        var profile = _cli.PathOf("ref.vprof");
        var (exit, error) = _cli.Run("profile", CliRunner.Samples("loans_reference_small.csv"), "--output", profile);
        Assert.True(exit == 0, error);
        var (_, raw) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference_small.csv"), CliRunner.Samples("loans_current_small.csv"));
        var (code, fromProfile) = _cli.DriftJson("drift", profile, CliRunner.Samples("loans_current_small.csv"));
        using (raw)
        using (fromProfile)
        {
            Assert.Equal(0, code);
            var a = raw.RootElement.GetProperty("columns").EnumerateArray().ToList();
            var b = fromProfile.RootElement.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                foreach (var field in new[] { "column", "type", "method", "statistic", "p_value", "drifted", "reference_count", "current_count", "reference_missing", "current_missing" })
                {
                    Assert.Equal(a[i].GetProperty(field).ToString(), b[i].GetProperty(field).ToString());
                }

                Assert.True(b[i].GetProperty("exact").GetBoolean());
            }
        }
    }

    [Fact]
    public void Drift_SketchProfiles_AgreeWithRawVerdicts()
    {
        var reference = _cli.PathOf("big_ref.vprof");
        var current = _cli.PathOf("big_cur.vprof");
        Assert.Equal(0, _cli.Run("profile", CliRunner.Samples("loans_reference.csv"), "-o", reference, "--exact-limit", "500").Exit);
        Assert.Equal(0, _cli.Run("profile", CliRunner.Samples("loans_current.csv"), "-o", current, "--exact-limit", "500").Exit);
        var (_, raw) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"));
        var (_, approx) = _cli.DriftJson("drift", reference, current);
        using (raw)
        using (approx)
        {
            var a = raw.RootElement.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
            foreach (var c in approx.RootElement.GetProperty("columns").EnumerateArray())
            {
                var name = c.GetProperty("column").GetString()!;
                Assert.Equal(a[name].GetProperty("method").GetString(), c.GetProperty("method").GetString());
                Assert.Equal(a[name].GetProperty("drifted").GetBoolean(), c.GetProperty("drifted").GetBoolean());
                if (c.TryGetProperty("statistic_interval", out var interval))
                {
                    Assert.InRange(a[name].GetProperty("statistic").GetDouble(), interval[0].GetDouble(), interval[1].GetDouble());
                }
            }

            Assert.Equal(raw.RootElement.GetProperty("dataset_drift").GetBoolean(), approx.RootElement.GetProperty("dataset_drift").GetBoolean());
        }
    }

    [Fact]
    public void ProfileMerge_OfTwoHalves_CountsAllRows()
    {
        var lines = File.ReadAllLines(CliRunner.Samples("loans_reference.csv"));
        var first = _cli.Write("first.csv", string.Join('\n', lines.Take(2501)));
        var second = _cli.Write("second.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(2501))));
        Assert.Equal(0, _cli.Run("profile", first, "-o", _cli.PathOf("a.vprof")).Exit);
        Assert.Equal(0, _cli.Run("profile", second, "-o", _cli.PathOf("b.vprof")).Exit);
        var (exit, error) = _cli.Run("profile", "merge", _cli.PathOf("a.vprof"), _cli.PathOf("b.vprof"), "--output", _cli.PathOf("all.vprof"));
        Assert.True(exit == 0, error);
        var json = _cli.PathOf("show.json");
        var stdout = Console.Out;
        using (var writer = new StreamWriter(json))
        {
            Console.SetOut(writer);
            try
            {
                Assert.Equal(0, _cli.Run("profile", "show", _cli.PathOf("all.vprof"), "--format", "json").Exit);
            }
            finally
            {
                Console.SetOut(stdout);
            }
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(5000, doc.RootElement.GetProperty("rows").GetInt64());
        var income = doc.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "income");
        Assert.Equal(5000, income.GetProperty("count").GetInt64() + income.GetProperty("missing").GetInt64());
    }

    [Fact]
    public void ProfileShow_CorruptFile_ExitsTwoNamingTheFile()
    {
        var path = _cli.PathOf("ref.vprof");
        Assert.Equal(0, _cli.Run("profile", CliRunner.Samples("loans_reference_small.csv"), "-o", path).Exit);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var (exit, error) = _cli.Run("profile", "show", path);
        Assert.Equal(2, exit);
        Assert.Contains("ref.vprof", error);
        Assert.Contains("corrupted", error);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        var (exit2, error2) = _cli.Run("drift", path, CliRunner.Samples("loans_current_small.csv"));
        Assert.Equal(2, exit2);
        Assert.Contains("truncated", error2);
    }
}
