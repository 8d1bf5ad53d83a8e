using Vigil.Core.Performance;

namespace Vigil.Server.Tests;

public sealed class PerformanceProfileTests
{
    private static (int Truth, double Score)[] Rows(int n)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, n).Select(_ => (random.Next(2), random.NextDouble()))];
    }

    private static PerformanceProfile Build(IEnumerable<(int Truth, double Score)> rows)
    {
        var p = new PerformanceProfile(2);
        foreach (var (truth, score) in rows)
        {
            p.AddClassification(truth, score >= 0.5 ? 1 : 0, score, null);
        }

        return p;
    }

    [Fact]
    public void Sums_AreTheSameBits_WhateverTheSplitAndMergeOrder()
    {
        var rows = Rows(5000);
        var whole = Build(rows);
        var parts = rows.Chunk(37).Select(Build).ToList();
        var forward = new PerformanceProfile(2);
        parts.ForEach(forward.Merge);
        var backward = new PerformanceProfile(2);
        Enumerable.Reverse(parts).ToList().ForEach(backward.Merge);
        var nested = new PerformanceProfile(2);
        foreach (var pair in parts.Chunk(2))
        {
            var sub = new PerformanceProfile(2);
            pair.ToList().ForEach(sub.Merge);
            nested.Merge(sub);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.LogLossSum), BitConverter.DoubleToInt64Bits(forward.LogLossSum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.LogLossSum), BitConverter.DoubleToInt64Bits(backward.LogLossSum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.LogLossSum), BitConverter.DoubleToInt64Bits(nested.LogLossSum));

        // The exact sum is the correctly rounded total of the terms (checked against a compensated sum of them).
        var terms = rows.Select(r => -Math.Log(Math.Clamp(r.Truth == 1 ? r.Score : 1 - r.Score, 2.220446049250313e-16, 1 - 2.220446049250313e-16))).ToArray();
        double sum = 0, c = 0;
        foreach (var t in terms)
        {
            var y = t - c;
            var s = sum + y;
            c = (s - sum) - y;
            sum = s;
        }

        Assert.Equal(sum, whole.LogLossSum, 1e-9);
    }

    [Fact]
    public void Roundtrip_KeepsTheExactSums_AndVersion1IsStillRead()
    {
        var p = new PerformanceProfile(0);
        foreach (var (truth, score) in Rows(3000))
        {
            p.AddRegression(truth * 10.0, score * 10);
        }

        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            p.WriteTo(w);
        }

        stream.Position = 0;
        var back = PerformanceProfile.ReadFrom(new BinaryReader(stream));
        Assert.Equal(p.Sums, back.Sums);
        Assert.Equal(p.Metrics(), back.Metrics());

        // Version 1 stored the rounded doubles: classes, count, (no confusion for regression), log loss sum, log loss count, five sums.
        using var v1 = new MemoryStream();
        using (var w = new BinaryWriter(v1, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(0);
            w.Write(p.Count);
            w.Write(0.0);
            w.Write(0L);
            var s = p.Sums;
            foreach (var x in new[] { s.Abs, s.Squared, s.AbsPercent, s.Truth, s.TruthSquared })
            {
                w.Write(x);
            }
        }

        v1.Position = 0;
        var old = PerformanceProfile.ReadFrom(new BinaryReader(v1), formatVersion: 1);
        Assert.Equal(p.Sums, old.Sums);
        Assert.Equal(p.Metrics(), old.Metrics());
    }
}
