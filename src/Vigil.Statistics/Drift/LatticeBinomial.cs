namespace Vigil.Statistics.Drift;

/// <summary>
/// Binomial coefficients C(a, b) as doubles, accurate to about one rounding, with overflow to +infinity where the
/// value exceeds the double range (as <c>scipy.special.binom</c> overflows). Used by the exact two-sample KS counts.
/// </summary>
/// <remarks>
/// Up to <see cref="MaxTableSize"/> a table of factorials in double-double with separate binary exponents gives
/// each coefficient in O(1); beyond it the multiplicative formula over min(b, a - b) factors is used (then the
/// smaller sample is necessarily small, or the coefficient overflows anyway).
/// </remarks>
internal sealed class LatticeBinomial
{
    private const long MaxTableSize = 1 << 16;

    private readonly DoubleDouble[]? _mantissa;
    private readonly int[]? _exponent;

    /// <summary>Prepares coefficients with a up to <paramref name="maxA"/>.</summary>
    public LatticeBinomial(long maxA)
    {
        if (maxA > MaxTableSize)
        {
            return;
        }

        var size = (int)maxA + 1;
        _mantissa = new DoubleDouble[size];
        _exponent = new int[size];
        _mantissa[0] = DoubleDouble.One;
        for (var k = 1; k < size; k++)
        {
            var product = DoubleDouble.Multiply(k, _mantissa[k - 1]);
            _mantissa[k] = DoubleDouble.Frexp(product, out var e);
            _exponent[k] = _exponent[k - 1] + e;
        }
    }

    /// <summary>C(a, b); 0 when b &lt; 0 or b &gt; a.</summary>
    public double Binom(long a, long b)
    {
        if (b < 0 || b > a)
        {
            return 0.0;
        }

        var k = Math.Min(b, a - b);
        if (k == 0)
        {
            return 1.0;
        }

        if (_mantissa is not null && _exponent is not null && a < _mantissa.Length)
        {
            var denominator = DoubleDouble.Multiply(_mantissa[b], _mantissa[a - b]);
            var ratio = DoubleDouble.Divide(_mantissa[a], denominator);
            return Math.ScaleB(ratio.Hi, _exponent[a] - _exponent[b] - _exponent[a - b]);
        }

        var mantissa = DoubleDouble.One;
        var exponent = 0L;
        for (var i = 1L; i <= k; i++)
        {
            mantissa = DoubleDouble.Divide(DoubleDouble.Multiply(a - k + i, mantissa), i);
            mantissa = DoubleDouble.Frexp(mantissa, out var e);
            exponent += e;
            if (exponent > 1100)
            {
                return double.PositiveInfinity;
            }
        }

        return Math.ScaleB(mantissa.Hi, (int)exponent);
    }
}
