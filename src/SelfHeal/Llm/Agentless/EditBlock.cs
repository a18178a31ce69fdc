namespace SelfHeal.Llm.Agentless;

/// <summary>One SEARCH/REPLACE block of a model's answer.</summary>
/// <param name="File">The path written above the block, as the model wrote it.</param>
public sealed record EditBlock(string File, string Search, string Replace);
