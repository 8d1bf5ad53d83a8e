namespace Vigil.Statistics.Drift;

/// <summary>
/// The least-squares quadratic through a few points, as <c>numpy.polyfit(x, y, 2)</c> returns it
/// (coefficients from the highest power down).
/// </summary>
/// <remarks>
/// Householder QR on the column-scaled Vandermonde matrix (numpy scales the columns the same way before its
/// SVD solve). The solution is unique, so both agree to within the conditioning of the few-point fit.
/// </remarks>
internal static class QuadraticLeastSquares
{
    /// <summary>Fits y ≈ c0 x² + c1 x + c2 and returns [c0, c1, c2].</summary>
    public static double[] Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        const int cols = 3;
        var rows = x.Length;
        if (rows < cols || y.Length != rows)
        {
            throw new ArgumentException("A quadratic fit needs at least three points and one y per x.", nameof(x));
        }

        var a = new double[rows, cols];
        var scale = new double[cols];
        for (var r = 0; r < rows; r++)
        {
            a[r, 0] = x[r] * x[r];
            a[r, 1] = x[r];
            a[r, 2] = 1.0;
        }

        for (var c = 0; c < cols; c++)
        {
            var s = 0.0;
            for (var r = 0; r < rows; r++)
            {
                s += a[r, c] * a[r, c];
            }

            scale[c] = Math.Sqrt(s);
            for (var r = 0; r < rows; r++)
            {
                a[r, c] /= scale[c];
            }
        }

        var b = y.ToArray();
        for (var k = 0; k < cols; k++)
        {
            var norm = 0.0;
            for (var r = k; r < rows; r++)
            {
                norm += a[r, k] * a[r, k];
            }

            norm = Math.Sqrt(norm);
            var alpha = a[k, k] > 0 ? -norm : norm;
            var v = new double[rows];
            v[k] = a[k, k] - alpha;
            for (var r = k + 1; r < rows; r++)
            {
                v[r] = a[r, k];
            }

            var vv = 0.0;
            for (var r = k; r < rows; r++)
            {
                vv += v[r] * v[r];
            }

            for (var c = k; c < cols; c++)
            {
                Reflect(v, vv, k, rows, r => a[r, c], (r, value) => a[r, c] = value);
            }

            Reflect(v, vv, k, rows, r => b[r], (r, value) => b[r] = value);
        }

        var coefficients = new double[cols];
        for (var k = cols - 1; k >= 0; k--)
        {
            var s = b[k];
            for (var c = k + 1; c < cols; c++)
            {
                s -= a[k, c] * coefficients[c];
            }

            coefficients[k] = s / a[k, k];
        }

        for (var c = 0; c < cols; c++)
        {
            coefficients[c] /= scale[c];
        }

        return coefficients;
    }

    private static void Reflect(double[] v, double vv, int k, int rows, Func<int, double> get, Action<int, double> set)
    {
        var dot = 0.0;
        for (var r = k; r < rows; r++)
        {
            dot += v[r] * get(r);
        }

        var factor = 2 * dot / vv;
        for (var r = k; r < rows; r++)
        {
            set(r, get(r) - (factor * v[r]));
        }
    }
}
