using MathNet.Numerics;

namespace Vigil.Statistics.Drift;

/// <summary>
/// The scipy 1.10 special functions the binned drift methods call, with scipy's conventions at the
/// edges of their domains (zeros, infinities, NaN).
/// </summary>
internal static class ScipyExact
{
    private const double Sqrt1Over2 = 0.70710678118654752440;

    /// <summary><c>scipy.special.rel_entr(x, y)</c>: <c>x ln(x / y)</c>; 0 when x = 0 and y &gt;= 0; +inf otherwise.</summary>
    public static double RelEntr(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x > 0 && y > 0)
        {
            return x * Math.Log(x / y);
        }

        return x == 0 && y >= 0 ? 0 : double.PositiveInfinity;
    }

    /// <summary><c>scipy.special.xlogy(x, y)</c>: <c>x ln(y)</c>, and 0 when x = 0 and y is not NaN.</summary>
    public static double XLogY(double x, double y) => x == 0 && !double.IsNaN(y) ? 0 : x * Math.Log(y);

    /// <summary>
    /// <c>scipy.special.ndtr</c> (cephes): the standard normal CDF through erf near 0 and erfc in the
    /// tails, with the same final subtraction so <c>1 - ndtr(z)</c> rounds as it does in scipy.
    /// </summary>
    public static double Ndtr(double a)
    {
        if (double.IsNaN(a))
        {
            return double.NaN;
        }

        var x = a * Sqrt1Over2;
        var z = Math.Abs(x);
        if (z < Sqrt1Over2)
        {
            return 0.5 + (0.5 * SpecialFunctions.Erf(x));
        }

        var y = 0.5 * SpecialFunctions.Erfc(z);
        return x > 0 ? 1.0 - y : y;
    }

    /// <summary>
    /// <c>scipy.stats.chi2.sf(x, df)</c>: NaN for NaN input or df &lt;= 0, 1 for x &lt;= 0, 0 for +inf,
    /// otherwise the regularized upper incomplete gamma Q(df / 2, x / 2).
    /// </summary>
    public static double ChiSquareSurvival(double x, double df)
    {
        if (double.IsNaN(x) || double.IsNaN(df) || !(df > 0))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        return SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
    }
}
