namespace Portal.Web.Components.Pages.Catalog;

/// <summary>What the import page was doing when something failed: reading and previewing the files, or applying them.</summary>
public enum ImportStep
{
    /// <summary>Reading the chosen files and running the reconciler's dry run: never writes.</summary>
    Preview,

    /// <summary>Applying the previewed import: one transaction.</summary>
    Apply,
}
