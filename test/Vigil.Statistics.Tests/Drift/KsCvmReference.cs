namespace Vigil.Statistics.Tests.Drift;

/// <summary>
/// scipy 1.10.1 reference values for the KS and Cramér-von Mises tests, written by
/// <c>TestData/scripts/ks_cvm_reference.py</c> into <c>TestData/ks_cvm_reference.json</c>.
/// </summary>
internal sealed record KsCvmReference(
    string Generator,
    string Scipy,
    KsCvmReference.Sample[] Samples,
    KsCvmReference.KsCase[] Ks,
    KsCvmReference.KstwoCase[] Kstwo,
    KsCvmReference.SmirnovCase[] Smirnov,
    KsCvmReference.KvCase[] Kv,
    KsCvmReference.CvmCase[] Cvm)
{
    public const string FileName = "ks_cvm_reference.json";

    private static readonly Lazy<KsCvmReference> Cached = new(() => TestData.Load<KsCvmReference>(FileName));
    private static readonly Lazy<double[]?[]> SortedSamples = new(() => new double[]?[Cached.Value.Samples.Length]);

    public static KsCvmReference Instance => Cached.Value;

    /// <summary>Sample <paramref name="index"/>, sorted ascending (the methods take sorted input; scipy sorts too).</summary>
    public static double[] SortedSample(int index)
    {
        var cache = SortedSamples.Value;
        lock (cache)
        {
            return cache[index] ??= Instance.Samples[index].BuildSorted();
        }
    }

    internal sealed record Sample(double[]? Values, Pattern? Pattern)
    {
        public double[] BuildSorted()
        {
            double[] values;
            if (Values is not null)
            {
                values = (double[])Values.Clone();
            }
            else
            {
                var p = Pattern ?? throw new InvalidDataException("A sample needs values or a pattern.");
                values = new double[p.N];
                for (var i = 0L; i < p.N; i++)
                {
                    values[i] = p.Offset + (p.Scale * (double)(i * p.Mult % p.Mod));
                }
            }

            Array.Sort(values);
            return values;
        }
    }

    /// <summary>offset + scale * ((i * mult) % mod), i = 0..n-1, as the script's numpy expression.</summary>
    internal sealed record Pattern(int N, long Mult, long Mod, double Offset, double Scale);

    internal sealed record KsCase(string Name, int X, int Y, string Alternative, string Method, double Statistic, double PValue, bool Warned);

    internal sealed record KstwoCase(int N, double D, double Sf);

    internal sealed record SmirnovCase(int N, double D, double Sf);

    internal sealed record KvCase(double X, double Kv);

    internal sealed record CvmCase(string Name, int X, int Y, string Method, double Statistic, double PValue);
}
