using Vigil.Statistics.Evaluation;
using static Vigil.Statistics.Tests.Evaluation.EvaluationReference;

namespace Vigil.Statistics.Tests.Evaluation;

public sealed class AgreementTests
{
    public static TheoryData<string> CaseNames => Names(r => r.Kappa, c => c.Name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CohensKappa_MatchesSklearn(string name)
    {
        var c = Values.Kappa.Single(x => x.Name == name);

        TestData.AssertClose(c.None, Agreement.CohensKappa(c.A, c.B, KappaWeighting.None, c.Labels), Relative, Absolute, name + " unweighted");
        TestData.AssertClose(c.Linear, Agreement.CohensKappa(c.A, c.B, KappaWeighting.Linear, c.Labels), Relative, Absolute, name + " linear");
        TestData.AssertClose(c.Quadratic, Agreement.CohensKappa(c.A, c.B, KappaWeighting.Quadratic, c.Labels), Relative, Absolute, name + " quadratic");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CohensKappa_TwoArguments_IsUnweightedOverTheSortedUnion(string name)
    {
        var c = Values.Kappa.Single(x => x.Name == name);
        if (c.Labels is not null)
        {
            return;
        }

        TestData.AssertClose(c.None, Agreement.CohensKappa(c.A, c.B), Relative, Absolute, name);
    }

    [Fact]
    public void CohensKappa_Symmetric()
    {
        var c = Values.Kappa.Single(x => x.Name == "ratings_1_to_5");

        foreach (var w in (ReadOnlySpan<KappaWeighting>)[KappaWeighting.None, KappaWeighting.Linear, KappaWeighting.Quadratic])
        {
            TestData.AssertClose(Agreement.CohensKappa(c.A, c.B, w), Agreement.CohensKappa(c.B, c.A, w), Relative, Absolute, w.ToString());
        }
    }

    [Fact]
    public void CohensKappa_Empty_IsNaN() => Assert.True(double.IsNaN(Agreement.CohensKappa([], [])));

    [Fact]
    public void CohensKappa_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Agreement.CohensKappa(["a", "b"], ["a"]));
        Assert.Throws<ArgumentException>(() => Agreement.CohensKappa(["a"], ["a"], KappaWeighting.Linear, ["a", "a"]));
        Assert.Throws<ArgumentException>(() => Agreement.CohensKappa(["a", null!], ["a", "b"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Agreement.CohensKappa(["a"], ["a"], (KappaWeighting)7));
    }
}
