using System.Numerics;

namespace Vigil.Statistics.Drift;

/// <summary>
/// Scalar operations with the exact semantics of the C library, numpy and Python that the KS and
/// Cramér-von Mises ports depend on (floor division, correctly rounded integer ratios, numpy's blocked
/// pairwise summation, log1p and expm1).
/// </summary>
internal static class ScipyNumerics
{
    /// <summary>numpy's reduction buffer: <c>np.sum</c> adds blocks of this many values, each summed pairwise.</summary>
    public const int NumpyReduceBlock = 8192;

    /// <summary>log(1 + x) without cancellation for small x (Goldberg's correction).</summary>
    public static double Log1P(double x)
    {
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (u == 0.0)
        {
            return double.NegativeInfinity;
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) - 1 without cancellation for small x (Kahan's correction).</summary>
    public static double ExpM1(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0)
        {
            return -1.0;
        }

        return um1 * x / Math.Log(u);
    }

    /// <summary>numpy's float64 <c>a // b</c> (<c>npy_divmod</c>): floor of the quotient, corrected with fmod.</summary>
    public static double FloorDivide(double a, double b)
    {
        if (b == 0.0)
        {
            return a / b;
        }

        var mod = a % b;
        var div = (a - mod) / b;
        if (mod != 0.0)
        {
            if ((b < 0) != (mod < 0))
            {
                div -= 1.0;
            }
        }

        double floordiv;
        if (div != 0.0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5)
            {
                floordiv += 1.0;
            }
        }
        else
        {
            floordiv = Math.CopySign(0.0, a / b);
        }

        return floordiv;
    }

    /// <summary>Python's <c>int / int</c>: the quotient correctly rounded to the nearest double (ties to even).</summary>
    public static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        var negative = (numerator.Sign < 0) != (denominator.Sign < 0);
        var a = BigInteger.Abs(numerator);
        var b = BigInteger.Abs(denominator);
        if (a.IsZero)
        {
            return negative ? -0.0 : 0.0;
        }

        // Scale so that the integer quotient has at least 55 significant bits, then round once.
        var shift = 55 - (int)(a.GetBitLength() - b.GetBitLength());
        var scaledA = shift > 0 ? a << shift : a;
        var scaledB = shift < 0 ? b << -shift : b;
        var q = BigInteger.DivRem(scaledA, scaledB, out var rem);
        var qBits = (int)q.GetBitLength();
        var extra = qBits - 53;
        var sticky = !rem.IsZero;
        if (extra > 0)
        {
            var dropped = q & ((BigInteger.One << extra) - 1);
            q >>= extra;
            var half = BigInteger.One << (extra - 1);
            var roundUp = dropped > half || (dropped == half && (sticky || !q.IsEven));
            if (roundUp)
            {
                q += 1;
            }

            shift -= extra;
        }

        var value = Math.ScaleB((double)q, -shift);
        return negative ? -value : value;
    }
}
