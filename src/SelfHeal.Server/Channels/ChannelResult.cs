using SelfHeal.Bugs;

namespace SelfHeal.Server.Channels;

/// <summary>The outcome of <see cref="IChannel.ReceiveAsync"/>.</summary>
public sealed record ChannelResult
{
    public required ChannelResultKind Kind { get; init; }

    /// <summary>The reports to store when <see cref="ChannelResultKind.Accepted"/>.</summary>
    public IReadOnlyList<ChannelReport> Reports { get; init; } = [];

    /// <summary>The HTTP status of a rejection.</summary>
    public int Status { get; init; } = StatusCodes.Status200OK;

    /// <summary>Why a delivery was ignored or rejected, and, for a rejection, what to do.</summary>
    public string? Detail { get; init; }

    /// <summary>The problem's title for a rejection.</summary>
    public string? Title { get; init; }

    /// <summary>The body the channel's sender expects in the answer (Slack's message), given what was stored; <see langword="null"/> for the default answer.</summary>
    public Func<IReadOnlyList<BugIntakeResult>, object>? Reply { get; init; }

    public static ChannelResult Accepted(IEnumerable<ChannelReport> reports, Func<IReadOnlyList<BugIntakeResult>, object>? reply = null) =>
        new() { Kind = ChannelResultKind.Accepted, Reports = [.. reports], Reply = reply };

    /// <summary>The review when <see cref="ChannelResultKind.Review"/>.</summary>
    public FixReviewDelivery? FixReview { get; init; }

    public static ChannelResult Reviewed(FixReviewDelivery review) => new() { Kind = ChannelResultKind.Review, FixReview = review };

    public static ChannelResult Ignored(string reason, object? reply = null) =>
        new() { Kind = ChannelResultKind.Ignored, Detail = reason, Reply = reply is null ? null : _ => reply };

    public static ChannelResult Rejected(int status, string title, string detail) =>
        new() { Kind = ChannelResultKind.Rejected, Status = status, Title = title, Detail = detail };

    /// <summary>401: the delivery is not from who it claims (bad or missing signature or credentials, stale timestamp).</summary>
    public static ChannelResult Unauthorized(string detail) => Rejected(StatusCodes.Status401Unauthorized, "Delivery not authentic", detail);

    /// <summary>400: the delivery cannot be read.</summary>
    public static ChannelResult Malformed(string detail) => Rejected(StatusCodes.Status400BadRequest, "Malformed delivery", detail);

    /// <summary>404: the channel is off because it has no secret configured.</summary>
    public static ChannelResult NotConfigured(string detail) => Rejected(StatusCodes.Status404NotFound, "Channel not configured", detail);
}

/// <summary>A person's review of the pull request of run <see cref="RunId"/>, as a forge delivered it.</summary>
/// <param name="Reviewer">The forge login.</param>
/// <param name="Via">How, for the run record: <c>github-review</c>.</param>
public sealed record FixReviewDelivery(string RunId, bool Approved, string Reviewer, string Via, string? Comment);
