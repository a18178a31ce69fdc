namespace SelfHeal.Repair.CSharp;

/// <summary>A family of related fix templates applied at one suspect's site. Pure: reads the site, proposes edits.</summary>
internal interface IFixTemplateFamily
{
    IEnumerable<TemplateCandidate> Propose(TemplateSite site);
}
