using System.Text;
using MimeKit.Text;

namespace SelfHeal.Server.Channels.Email;

/// <summary>
/// The readable text of an HTML mail body: block elements and <c>&lt;br&gt;</c> become line breaks, <c>&lt;pre&gt;</c>
/// keeps its lines (stack traces are often pasted in one), scripts, styles and the head are dropped, and other
/// whitespace collapses as a browser shows it.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.Br, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Pre, HtmlTagId.BlockQuote, HtmlTagId.Table, HtmlTagId.UL,
        HtmlTagId.OL, HtmlTagId.HR, HtmlTagId.Address, HtmlTagId.DL, HtmlTagId.DT, HtmlTagId.DD,
    ];

    private static readonly HashSet<HtmlTagId> Hidden = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title];

    public static string Convert(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var (pre, hidden) = (0, 0);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag:
                    if (Hidden.Contains(tag.Id) && !tag.IsEmptyElement)
                    {
                        hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    }
                    if (tag.Id == HtmlTagId.Pre && !tag.IsEmptyElement)
                    {
                        pre = Math.Max(0, pre + (tag.IsEndTag ? -1 : 1));
                    }
                    if (Blocks.Contains(tag.Id))
                    {
                        NewLine(text);
                    }
                    break;
                case HtmlDataToken data when hidden == 0 && token.Kind != HtmlTokenKind.ScriptData:
                    if (pre > 0)
                    {
                        text.Append(data.Data.Replace("\r\n", "\n", StringComparison.Ordinal));
                    }
                    else
                    {
                        AppendCollapsed(text, data.Data);
                    }
                    break;
            }
        }
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd())).Trim();
    }

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
