using Vigil.Statistics.Profiles;

namespace Vigil.Statistics.Tests.Profiles;

public sealed class ProfileFormatTests
{
    private static DatasetProfile Sample(int rows, int seed)
    {
        var random = new Random(seed);
        var x = ColumnProfile.Numerical("x");
        var city = ColumnProfile.Categorical("city");
        for (var i = 0; i < rows; i++)
        {
            if (i % 50 == 0)
            {
                x.AddMissing();
            }
            else
            {
                x.Add(Math.Round(random.NextDouble() * 100, 3));
            }

            city.AddLabel($"city{random.Next(12)}");
        }

        return new DatasetProfile([x, city], rows, "sample.csv", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public void Write_Read_RoundTripsByteIdentically(int rows)
    {
        var bytes = ProfileFormat.ToBytes(Sample(rows, 1));
        Assert.Equal(bytes, ProfileFormat.ToBytes(Sample(rows, 1))); // deterministic
        var read = ProfileFormat.Read(bytes);
        Assert.Equal(bytes, ProfileFormat.ToBytes(read));
        Assert.Equal(rows, read.RowCount);
        Assert.Equal("sample.csv", read.Source);
    }

    [Fact]
    public void Read_EveryTruncation_IsRejected()
    {
        var bytes = ProfileFormat.ToBytes(Sample(300, 2));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Read_AnyFlippedByte_IsRejected()
    {
        var bytes = ProfileFormat.ToBytes(Sample(300, 3));
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x5A;
            Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(copy));
        }
    }

    [Fact]
    public void Read_WrongMagicOrVersion_SaysSo()
    {
        var bytes = ProfileFormat.ToBytes(Sample(10, 4));
        var other = (byte[])bytes.Clone();
        other[0] = (byte)'X';
        Assert.Contains("not a Vigil profile", Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(other)).Message);
        var future = (byte[])bytes.Clone();
        future[8] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => ProfileFormat.Read(future)).Message);
    }

    [Fact]
    public void Merge_Windows_EqualsOneProfileOfAllRows()
    {
        var merged = DatasetProfile.Merge([Sample(1000, 5), Sample(2000, 6)]);
        Assert.Equal(3000, merged.RowCount);
        Assert.Equal(merged.RowCount, merged.Find("x")!.Count + merged.Find("x")!.MissingCount);
        Assert.Equal(3000, merged.Find("city")!.Count);
        Assert.Equal("sample.csv + sample.csv", merged.Source);
        var back = ProfileFormat.Read(ProfileFormat.ToBytes(merged));
        Assert.Equal(3000, back.RowCount);
    }

    [Fact]
    public void SketchModeNumericColumn_StaysUnder16KB()
    {
        var x = ColumnProfile.Numerical("x");
        var random = new Random(9);
        for (var i = 0; i < 1_000_000; i++)
        {
            x.Add(random.NextDouble() * 1e6);
        }

        var bytes = ProfileFormat.ToBytes(new DatasetProfile([x], 1_000_000));
        Assert.True(bytes.Length <= 16 * 1024, $"{bytes.Length} bytes");
    }
}
