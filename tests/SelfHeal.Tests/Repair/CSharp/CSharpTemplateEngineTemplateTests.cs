using SelfHeal.Runs;

namespace SelfHeal.Tests.Repair.CSharp;

public sealed class CSharpTemplateEngineTemplateTests
{
    [Fact]
    public async Task ProposeAsync_Operators_ReplacesRelationalLogicalAndOffByOne()
    {
        var repair = await SnippetRepair.RunAsync("Operators");

        Assert.True(repair.Proposes("relational-boundary", "subtotal > threshold", "subtotal >= threshold"));
        Assert.True(repair.Proposes("logical-operator", "threshold && member", "threshold || member"));
        Assert.True(repair.Proposes("condition-narrowing", "if (subtotal > threshold && member)", "if (subtotal > threshold)"));
        Assert.True(repair.Proposes("condition-widening", "if (subtotal > threshold && member)", "if ((subtotal > threshold && member) || coupon)"));
        Assert.True(repair.Proposes("condition-negation", "if (subtotal > threshold && member)", "if (!(subtotal > threshold && member))"));
        Assert.True(repair.Proposes("off-by-one", "values[values.Length]", "values[values.Length - 1]"));
    }

    [Fact]
    public async Task ProposeAsync_NullDereference_ProposesConditionalCoalescingAndGuards()
    {
        var repair = await SnippetRepair.RunAsync("Nulls");

        Assert.True(repair.Proposes("null-coalescing", "=> customer.Address.City;", "=> customer.Address?.City ?? \"\";"));
        Assert.True(repair.Proposes("null-coalescing", "=> customer.Address.City;", "=> customer.Address?.City ?? Unknown;"));
        Assert.True(repair.Proposes("null-conditional", "writer.WriteLine(customer.Address.City);", "writer.WriteLine(customer.Address?.City);"));
        Assert.True(repair.Proposes("null-guard", "        writer.WriteLine(", "        if (customer.Address is null) return;\n        writer.WriteLine("));
        Assert.True(repair.Proposes("null-guard", "            total += customer", "            if (customer.Address is null) continue;\n            total += customer"));
    }

    [Fact]
    public async Task ProposeAsync_WrongVariable_UsesSameTypedVariableInScope()
    {
        var repair = await SnippetRepair.RunAsync("Variables");

        Assert.True(repair.Proposes("variable-replacement", "Width * Width", "Width * Height"));
        Assert.True(repair.Proposes("variable-replacement", "Height == other.Width", "Height == other.Height"));
        Assert.DoesNotContain(repair.Candidates, c => c.Patch.Template == "variable-replacement" && c.Text.Contains("Width * other", StringComparison.Ordinal));
        Assert.True(repair.Proposes("receiver-replacement", "other.Width > other.Height", "Width > other.Height"));
        Assert.True(repair.Proposes("receiver-replacement", "Width * Width", "Width * other.Width") is false);
    }

    [Fact]
    public async Task ProposeAsync_WrongMember_UsesSimilarMembersAndOrdinalComparison()
    {
        var repair = await SnippetRepair.RunAsync("Members");

        Assert.True(repair.Proposes("similar-member", "codes.First(", "codes.FirstOrDefault("));
        Assert.True(repair.Proposes("string-comparison", "c.StartsWith(prefix)", "c.StartsWith(prefix, StringComparison.Ordinal)"));
        Assert.True(repair.Proposes("similar-member", "name.IndexOf('.')", "name.LastIndexOf('.')"));
        Assert.True(repair.Proposes("similar-member", "values.Min()", "values.Max()"));
        Assert.True(repair.Proposes("similar-member", "Math.Floor(value)", "Math.Ceiling(value)"));
        Assert.True(repair.Proposes("overload", "Math.Round(value, 2)", "Math.Round(value, 2, MidpointRounding.AwayFromZero)"));
        Assert.True(repair.Proposes("overload", "names.ToLookup(n => n)", "names.ToLookup(n => n, StringComparer.OrdinalIgnoreCase)"));
    }

    [Fact]
    public async Task ProposeAsync_Literals_FixesFormatsSwapsArgumentsAndShiftsNumbers()
    {
        var repair = await SnippetRepair.RunAsync("Literals");

        Assert.True(repair.Proposes("format-specifier", "\"hh:mm\"", "\"HH:mm\""));
        Assert.True(repair.Proposes("format-specifier", "{value:N0}", "{value:N2}"));
        Assert.True(repair.Proposes("argument-swap", "Describe(high, low)", "Describe(low, high)"));
        Assert.True(repair.Proposes("literal", "age >= 19", "age >= 18"));
    }

    [Fact]
    public async Task ProposeAsync_AsyncAndDisposal_AddsAwaitAndUsing()
    {
        var repair = await SnippetRepair.RunAsync("AsyncDispose");

        Assert.True(repair.Proposes("missing-await", "        notify();", "        await notify();"));
        Assert.True(repair.Proposes("missing-using", "var writer = new", "using var writer = new"));
        Assert.True(repair.Proposes("missing-await", "text.Result.Length", "(await text).Length"));
    }

    [Fact]
    public async Task ProposeAsync_UnhandledEnumMember_AddsCaseToEachSection()
    {
        var repair = await SnippetRepair.RunAsync("Switches");

        Assert.True(repair.Proposes("missing-case", "            case Status.Shipped:\n", "            case Status.Shipped:\n            case Status.Delivered:\n"));
        Assert.True(repair.Proposes("missing-case", "            case Status.Placed:\n", "            case Status.Placed:\n            case Status.Delivered:\n"));
        Assert.True(repair.Proposes("missing-case", "Status.Shipped => 2", "Status.Shipped or Status.Delivered => 2"));
    }

    [Fact]
    public async Task ProposeAsync_IntegerDivisionCastsAndStatements_ProposesFixes()
    {
        var repair = await SnippetRepair.RunAsync("Statements");

        Assert.True(repair.Proposes("integer-division", "part / whole * 100.0", "part * 100.0 / whole"));
        Assert.True(repair.Proposes("integer-division", "=> part / whole;", "=> (double)part / whole;"));
        Assert.True(repair.Proposes("cast", "(int)value * 2", "(double)value * 2"));
        Assert.True(repair.Proposes("cast", "(int)value * 2", "value * 2"));
        Assert.True(repair.Proposes("statement-removal", "            result.Clear(); // suspect\n", string.Empty));
    }

    [Fact]
    public async Task ProposeAsync_TraceException_WrapsStatementOrAddsCatch()
    {
        var state = RunState.Empty with { Traces = [new TraceParsed("Snippets.Exceptions", "dotnet", "System.FormatException", "bad", "f", [])] };

        var repair = await SnippetRepair.RunAsync("Exceptions", state);

        Assert.True(repair.Proposes("catch-exception",
            "        total += int.Parse(text); // suspect\n",
            "        try\n        {\n            total += int.Parse(text); // suspect\n        }\n        catch (System.FormatException)\n        {\n            return default;\n        }\n"));
        Assert.True(repair.Proposes("add-catch",
            "        catch (OverflowException)\n",
            "        catch (System.FormatException)\n        {\n            return -1;\n        }\n        catch (OverflowException)\n"));
    }
}
