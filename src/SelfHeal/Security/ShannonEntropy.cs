namespace SelfHeal.Security;

internal static class ShannonEntropy
{
    /// <summary>Bits per character of <paramref name="value"/>'s character distribution.</summary>
    public static double Of(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }
        return value.GroupBy(c => c)
            .Select(g => (double)g.Count() / value.Length)
            .Sum(p => -p * Math.Log2(p));
    }
}
