using System.Globalization;

namespace SelfHeal.Cli.Commands;

/// <summary>Durations as people type them: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>1.5h</c>, or a plain number of seconds.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text.LastOrDefault()) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 7 * 24 * 3600)
        {
            return false;
        }
        var seconds = unit switch { 's' => value, 'm' => value * 60, 'h' => value * 3600, _ => double.NaN };
        if (double.IsNaN(seconds) || seconds > 7 * 24 * 3600)
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
