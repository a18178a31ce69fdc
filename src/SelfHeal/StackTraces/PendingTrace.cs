namespace SelfHeal.StackTraces;

/// <summary>An exception being read: its header, message lines and frames so far. Built into an <see cref="ExceptionTrace"/> at the end.</summary>
internal sealed class PendingTrace(string exceptionType, string? firstMessageLine)
{
    private readonly List<string> _message = string.IsNullOrEmpty(firstMessageLine) ? [] : [firstMessageLine];

    public string ExceptionType { get; set; } = exceptionType;

    public List<StackFrame> Frames { get; } = [];

    public PendingTrace? Cause { get; set; }

    public void AddMessageLine(string line)
    {
        if (_message.Count < StackTraceLimits.MaxMessageLines)
        {
            _message.Add(line);
        }
    }

    /// <summary>Adds a frame unless the trace already holds <see cref="StackTraceLimits.MaxFrames"/>.</summary>
    public void AddFrame(StackFrame frame)
    {
        if (Frames.Count < StackTraceLimits.MaxFrames)
        {
            Frames.Add(frame);
        }
    }

    public ExceptionTrace Build(string language) => Build(language, 0);

    private ExceptionTrace Build(string language, int depth)
    {
        var message = string.Join('\n', _message).Trim();
        if (message.Length > StackTraceLimits.MaxMessageLength)
        {
            message = message[..StackTraceLimits.MaxMessageLength];
        }
        return new ExceptionTrace(language, ExceptionType, message, [.. Frames])
        {
            Cause = depth < StackTraceLimits.MaxCauseDepth ? Cause?.Build(language, depth + 1) : null,
        };
    }
}
