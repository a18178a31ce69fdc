using SelfHeal.Localization.Coverage;

namespace SelfHeal.Tests.Localization;

public class TestGroupsTests
{
    [Fact]
    public void ByClass_MoreClassesThanGroups_KeepsClassesWholeAndBalances()
    {
        string[] ids = ["N.A.T1", "N.A.T2", "N.A.T3", "N.B.T1", "N.B.T2", "N.C.T1"];

        var groups = TestGroups.ByClass(ids, 2);

        Assert.Equal([["N.A.T1", "N.A.T2", "N.A.T3"], ["N.B.T1", "N.B.T2", "N.C.T1"]], groups);
    }

    [Fact]
    public void ByClass_OneClass_DealsTheTestsOut()
    {
        var groups = TestGroups.ByClass(["N.A.T3", "N.A.T1", "N.A.T2"], 2);

        Assert.Equal([["N.A.T1", "N.A.T2"], ["N.A.T3"]], groups);
    }

    [Fact]
    public void ByClass_NoTests_NoGroups()
    {
        Assert.Empty(TestGroups.ByClass([], 3));
    }
}
