namespace SelfHeal.Llm;

/// <summary>
/// A model call failed for good: the provider refused it (4xx other than 429), or it kept failing (429, 5xx,
/// timeouts, malformed responses) after every retry. The message names the model and the last error and never
/// holds a credential. Engines catch it, record it and stop proposing.
/// </summary>
public sealed class ModelCallFailedException : Exception
{
    public ModelCallFailedException() { }

    public ModelCallFailedException(string message) : base(message) { }

    public ModelCallFailedException(string message, Exception innerException) : base(message, innerException) { }
}
