using Microsoft.Extensions.AI;

namespace SelfHeal.Llm;

/// <summary>
/// Why a model is called (<c>extract</c>, <c>root-cause</c>, <c>repair</c>), carried on <see cref="ChatOptions"/>
/// to the transcript decorator, which removes it before the provider sees the options.
/// </summary>
public static class ModelCallPurpose
{
    internal const string Key = "selfheal.purpose";

    /// <summary>A copy of <paramref name="options"/> (or new options) that names <paramref name="purpose"/>.</summary>
    public static ChatOptions WithPurpose(this ChatOptions? options, string purpose)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties ??= [];
        copy.AdditionalProperties[Key] = purpose;
        return copy;
    }

    /// <summary>The purpose named on <paramref name="options"/> and the options without it.</summary>
    internal static (string Purpose, ChatOptions? Options) Take(ChatOptions? options)
    {
        if (options?.AdditionalProperties is null || !options.AdditionalProperties.TryGetValue(Key, out var value))
        {
            return ("chat", options);
        }
        var copy = options.Clone();
        copy.AdditionalProperties!.Remove(Key);
        if (copy.AdditionalProperties.Count == 0)
        {
            copy.AdditionalProperties = null;
        }
        return (value?.ToString() ?? "chat", copy);
    }
}
