using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class HyperLogLogTests
{
    private const int Trials = 200;

    /// <summary>The RMS relative error may exceed 1.04/√m by this factor (sampling noise over 200 trials, ≈ 5%).</summary>
    private const double RmsFactor = 1.2;

    /// <summary>No single trial may be further than this many standard errors from the truth.</summary>
    private const double MaxSigmas = 4;

    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Estimate_ManySeeds_RmsErrorNearTheory(int n)
    {
        var sigma = 1.04 / Math.Sqrt(1 << HyperLogLog.DefaultLgK);
        var errors = new double[Trials];
        Parallel.For(0, Trials, trial =>
        {
            // Distinct by construction: the trial in the high bits, a counter in the low bits.
            var sketch = new HyperLogLog();
            var offset = (double)((long)(trial + 1) << 32);
            for (var i = 0; i < n; i++)
            {
                sketch.Update(offset + i);
            }

            errors[trial] = (sketch.Estimate() - n) / n;
        });

        double sumSquares = 0, sum = 0, worst = 0;
        foreach (var error in errors)
        {
            sumSquares += error * error;
            sum += error;
            worst = Math.Max(worst, Math.Abs(error));
        }

        var rms = Math.Sqrt(sumSquares / Trials);
        Assert.True(rms <= RmsFactor * sigma, $"n={n}: RMS relative error {rms:P3} > {RmsFactor} × {sigma:P3}");
        Assert.True(worst <= MaxSigmas * sigma, $"n={n}: worst relative error {worst:P3} > {MaxSigmas}σ");
        Assert.True(Math.Abs(sum / Trials) <= 3 * sigma / Math.Sqrt(Trials), $"n={n}: mean relative error {sum / Trials:P3} looks biased");
    }

    [Fact]
    public void Estimate_Strings_RmsErrorNearTheory()
    {
        var sigma = 1.04 / Math.Sqrt(1 << 10);
        double sumSquares = 0;
        const int n = 20_000;
        for (var trial = 0; trial < 50; trial++)
        {
            var sketch = new HyperLogLog(10);
            for (var i = 0; i < n; i++)
            {
                sketch.Update($"user-{trial}-{i}");
            }

            var error = (sketch.Estimate() - n) / n;
            sumSquares += error * error;
        }

        Assert.True(Math.Sqrt(sumSquares / 50) <= RmsFactor * 1.1 * sigma);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(10, 1)]
    [InlineData(100, 4)]
    public void Estimate_SmallCardinalities_NearlyExact(int n, double tolerance)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var sketch = new HyperLogLog();
            for (var i = 0; i < n; i++)
            {
                sketch.Update((seed * 1000.0) + i);
                sketch.Update((seed * 1000.0) + i); // duplicates change nothing
            }

            Assert.InRange(sketch.Estimate(), n - tolerance, n + tolerance);
        }
    }

    [Fact]
    public void Update_NegativeZeroAndNaNPayloads_CountOnce()
    {
        var sketch = new HyperLogLog();
        sketch.Update(0.0);
        sketch.Update(-0.0);
        sketch.Update(double.NaN);
        sketch.Update(BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001));
        sketch.Update(-double.NaN);

        var zeroAndNaN = new HyperLogLog();
        zeroAndNaN.Update(0.0);
        zeroAndNaN.Update(double.NaN);

        Assert.Equal(Bytes(zeroAndNaN), Bytes(sketch));
    }

    [Fact]
    public void Merge_OverlappingStreams_ByteIdenticalToSketchOfConcatenation()
    {
        var a = new HyperLogLog();
        var b = new HyperLogLog();
        var c = new HyperLogLog();
        var all = new HyperLogLog();
        for (var i = 0; i < 100_000; i++)
        {
            var value = i * 0.5;
            (i < 60_000 ? a : b).Update(value);
            if (i % 3 == 0)
            {
                c.Update(value);
            }

            all.Update(value);
        }

        var ab = Copy(a);
        ab.Merge(b);
        var ba = Copy(b);
        ba.Merge(a);
        var abc = Copy(ab);
        abc.Merge(c);
        var bc = Copy(b);
        bc.Merge(c);
        var aBc = Copy(a);
        aBc.Merge(bc);

        Assert.Equal(Bytes(all), Bytes(ab));
        Assert.Equal(Bytes(all), Bytes(ba));
        Assert.Equal(Bytes(all), Bytes(abc));
        Assert.Equal(Bytes(abc), Bytes(aBc));
        ab.Merge(ab);
        Assert.Equal(Bytes(all), Bytes(ab));
    }

    [Fact]
    public void Merge_DifferentLgK_Throws() =>
        Assert.Throws<ArgumentException>(() => new HyperLogLog(12).Merge(new HyperLogLog(11)));

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    public void Constructor_LgKOutOfRange_Throws(int lgK) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HyperLogLog(lgK));

    [Theory]
    [InlineData(4, 0.26)]
    [InlineData(12, 0.01625)]
    [InlineData(18, 0.00203125)]
    public void RelativeStandardError_IsTheClassicFormula(int lgK, double expected) =>
        Assert.Equal(expected, new HyperLogLog(lgK).RelativeStandardError, 1e-12);

    [Fact]
    public void Update_Doubles_DoesNotAllocate()
    {
        var sketch = new HyperLogLog();
        sketch.Update(1.0);
        sketch.Update("warm");

        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                sketch.Update(i * 1.5);
                sketch.Update("label");
            }
        }));
    }

    internal static byte[] Bytes(HyperLogLog sketch) => SketchBytes.Of(sketch.WriteTo);

    private static HyperLogLog Copy(HyperLogLog sketch) => SketchBytes.Read(Bytes(sketch), HyperLogLog.ReadFrom);
}
