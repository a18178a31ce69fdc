using System.Xml;
using System.Xml.Linq;

namespace SelfHeal.Testing.Parsers;

/// <summary>Loads result files as XML without DTDs; a missing, partial or malformed file is <see langword="null"/>.</summary>
internal static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    public static XDocument? Parse(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static XDocument? Load(string path)
    {
        try
        {
            using var reader = XmlReader.Create(path, Settings);
            return XDocument.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The value of attribute <paramref name="name"/>, or <see langword="null"/> when absent or blank.</summary>
    public static string? Attribute(XElement element, string name)
    {
        var value = element.Attribute(name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The first child named <paramref name="localName"/> in any namespace.</summary>
    public static XElement? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
