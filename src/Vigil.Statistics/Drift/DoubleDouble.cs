namespace Vigil.Statistics.Drift;

/// <summary>
/// A double-double number (hi + lo, about 106 significant bits): the subset of the QD library's
/// arithmetic (Hida, Li and Bailey) that scipy's <c>cephes/dd_real</c> uses for the Smirnov distribution,
/// with the same operation order so results agree with scipy bit for bit.
/// </summary>
internal readonly struct DoubleDouble
{
    public static readonly DoubleDouble Zero = new(0.0, 0.0);
    public static readonly DoubleDouble One = new(1.0, 0.0);

    public DoubleDouble(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    public double Hi { get; }

    public double Lo { get; }

    public bool IsZero => Hi == 0.0;

    public bool IsFinite => double.IsFinite(Hi);

    /// <summary>a + b exactly.</summary>
    public static DoubleDouble Sum(double a, double b)
    {
        var s = TwoSum(a, b, out var e);
        return new DoubleDouble(s, e);
    }

    /// <summary>a * b exactly.</summary>
    public static DoubleDouble Product(double a, double b)
    {
        var p = TwoProd(a, b, out var e);
        return new DoubleDouble(p, e);
    }

    /// <summary>a / b to double-double accuracy.</summary>
    public static DoubleDouble Quotient(double a, double b) => Divide(new DoubleDouble(a, 0.0), new DoubleDouble(b, 0.0));

    public static DoubleDouble Add(DoubleDouble a, DoubleDouble b)
    {
        // IEEE-style bound (Briggs and Kahan), as dd_ieee_add.
        var s1 = TwoSum(a.Hi, b.Hi, out var s2);
        var t1 = TwoSum(a.Lo, b.Lo, out var t2);
        s2 += t1;
        s1 = QuickTwoSum(s1, s2, out s2);
        s2 += t2;
        s1 = QuickTwoSum(s1, s2, out s2);
        return new DoubleDouble(s1, s2);
    }

    public static DoubleDouble Add(DoubleDouble a, double b)
    {
        var s1 = TwoSum(a.Hi, b, out var s2);
        s2 += a.Lo;
        s1 = QuickTwoSum(s1, s2, out s2);
        return new DoubleDouble(s1, s2);
    }

    public static DoubleDouble Subtract(DoubleDouble a, DoubleDouble b) => Add(a, new DoubleDouble(-b.Hi, -b.Lo));

    public static DoubleDouble Subtract(DoubleDouble a, double b)
    {
        var s1 = TwoSum(a.Hi, -b, out var s2);
        s2 += a.Lo;
        s1 = QuickTwoSum(s1, s2, out s2);
        return new DoubleDouble(s1, s2);
    }

    public static DoubleDouble Multiply(DoubleDouble a, DoubleDouble b)
    {
        var p1 = TwoProd(a.Hi, b.Hi, out var p2);
        p2 += (a.Hi * b.Lo) + (a.Lo * b.Hi);
        p1 = QuickTwoSum(p1, p2, out p2);
        return new DoubleDouble(p1, p2);
    }

    public static DoubleDouble Multiply(double a, DoubleDouble b)
    {
        var p1 = TwoProd(a, b.Hi, out var e1);
        var p2 = TwoProd(a, b.Lo, out var e2);
        p1 = QuickTwoSum(p1, (e2 + p2) + e1, out e1);
        return new DoubleDouble(p1, e1);
    }

    public static DoubleDouble Divide(DoubleDouble a, DoubleDouble b)
    {
        // dd_accurate_div
        var q1 = a.Hi / b.Hi;
        var r = Subtract(a, MultiplyByDouble(b, q1));
        var q2 = r.Hi / b.Hi;
        r = Subtract(r, MultiplyByDouble(b, q2));
        var q3 = r.Hi / b.Hi;
        q1 = QuickTwoSum(q1, q2, out q2);
        return Add(new DoubleDouble(q1, q2), q3);
    }

    public static DoubleDouble Divide(DoubleDouble a, double b) => Divide(a, new DoubleDouble(b, 0.0));

    public static DoubleDouble Divide(double a, DoubleDouble b) => Divide(new DoubleDouble(a, 0.0), b);

    public static DoubleDouble Inverse(DoubleDouble a) => Divide(One, a);

    public static DoubleDouble Floor(DoubleDouble a)
    {
        var hi = Math.Floor(a.Hi);
        var lo = 0.0;
        if (hi == a.Hi)
        {
            lo = Math.Floor(a.Lo);
            hi = QuickTwoSum(hi, lo, out lo);
        }

        return new DoubleDouble(hi, lo);
    }

    /// <summary>a * 2^e.</summary>
    public static DoubleDouble ScaleB(DoubleDouble a, int e) => new(Math.ScaleB(a.Hi, e), Math.ScaleB(a.Lo, e));

    /// <summary>Splits a into m * 2^e with 0.5 &lt;= |m.Hi| &lt; 1 (or |m.Hi| = 1 with Hi, Lo of opposite signs), as dd_frexp.</summary>
    public static DoubleDouble Frexp(DoubleDouble a, out int exponent)
    {
        var man = FrexpDouble(a.Hi, out exponent);
        var b1 = Math.ScaleB(a.Lo, -exponent);
        if (Math.Abs(man) == 0.5 && man * b1 < 0)
        {
            man *= 2;
            b1 *= 2;
            exponent -= 1;
        }

        return new DoubleDouble(man, b1);
    }

    /// <summary>C's <c>frexp</c>: x = m * 2^e with 0.5 &lt;= |m| &lt; 1; zero, infinities and NaN give e = 0.</summary>
    public static double FrexpDouble(double x, out int exponent)
    {
        if (x == 0.0 || !double.IsFinite(x))
        {
            exponent = 0;
            return x;
        }

        exponent = Math.ILogB(x) + 1;
        return Math.ScaleB(x, -exponent);
    }

    private static DoubleDouble MultiplyByDouble(DoubleDouble a, double b)
    {
        var p1 = TwoProd(a.Hi, b, out var e1);
        var p2 = TwoProd(a.Lo, b, out var e2);
        p1 = QuickTwoSum(p1, (e2 + p2) + e1, out e1);
        return new DoubleDouble(p1, e1);
    }

    private static double QuickTwoSum(double a, double b, out double err)
    {
        var s = a + b;
        var c = s - a;
        err = b - c;
        return s;
    }

    private static double TwoSum(double a, double b, out double err)
    {
        var s = a + b;
        var c = s - a;
        var d = b - c;
        var e = s - c;
        err = (a - e) + d;
        return s;
    }

    private static double TwoProd(double a, double b, out double err)
    {
        var p = a * b;
        err = Math.FusedMultiplyAdd(a, b, -p);
        return p;
    }
}
