using SelfHeal.Repair.CSharp.Templates;

namespace SelfHeal.Tests.Repair.CSharp;

public sealed class FormatSpecifiersTests
{
    [Fact]
    public void ForLiteral_TimePattern_SwapsCaseOfOneRunAtATime()
    {
        var alternatives = FormatSpecifiers.ForLiteral("\"hh:mm\"", formatContext: true).ToList();

        Assert.Contains("\"HH:mm\"", alternatives);
        Assert.Contains("\"hh:MM\"", alternatives);
    }

    [Fact]
    public void ForLiteral_CompositeFormat_ChangesTheSpecifierOnly()
    {
        Assert.Contains("\"Total: {0:N2} EUR\"", FormatSpecifiers.ForLiteral("\"Total: {0:N0} EUR\"", formatContext: false));
        Assert.Contains("\"{0:00}\"", FormatSpecifiers.ForLiteral("\"{0:D2}\"", formatContext: false));
    }

    [Theory]
    [InlineData("\"Contoso\"")]
    [InlineData("\"C\"")]
    [InlineData("\"+15550100\"")]
    [InlineData("\"hh\"")]
    public void ForLiteral_OrdinaryStringOutsideFormatting_IsLeftAlone(string raw)
    {
        Assert.Empty(FormatSpecifiers.ForLiteral(raw, formatContext: false));
    }

    [Fact]
    public void For_StandardSpecifierInFormatting_ProposesRelatedSpecifiers()
    {
        Assert.Equal(["C2", "C0"], FormatSpecifiers.For("C", formatContext: true));
    }
}
