namespace SelfHeal.Llm;

/// <summary>US dollars per million tokens.</summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    public static readonly ModelPrice Free = new(0, 0);
}
