using System.ComponentModel.DataAnnotations;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// Which kinds each source may define (section <c>Catalog:Rules</c>), like Backstage's <c>catalog.rules</c>.
/// The defaults are the safe ones: a repository (its <c>catalog-info.yaml</c> and the Location targets in it)
/// may describe software (Component, API, Resource, System, Domain, Location), never who belongs to which team;
/// Groups and Users come only from the GitHub team sync, an admin's import, or edits in Portal. Anyone who can
/// push to a repository could otherwise add themselves to a team and edit what it owns. A kind a source may not
/// define is a problem in that run's report, not silence.
/// </summary>
public sealed class SourceRules : IValidatableObject
{
    public const string Section = "Catalog:Rules";

    private static readonly string[] RepositoryDefault =
        [BackstageKinds.Component, BackstageKinds.Api, BackstageKinds.Resource, BackstageKinds.System, BackstageKinds.Domain, BackstageKinds.Location];

    private static readonly string[] Everything = [.. BackstageKinds.Imported, BackstageKinds.Location];

    /// <summary>The rules when nothing is configured.</summary>
    public static SourceRules Default { get; } = new();

    /// <summary>Kinds a repository's catalog files may define (<c>Catalog:Rules:Repositories</c>); null: the safe default.</summary>
    public string[]? Repositories { get; set; }

    /// <summary>Kinds an admin's import (command line, upload, API) may define (<c>Catalog:Rules:Imports</c>); null: every kind.</summary>
    public string[]? Imports { get; set; }

    /// <summary>
    /// The most references not in the catalog yet (<c>system</c>, <c>dependsOn</c>…) one run of a repository sync or an
    /// import keeps for the records it writes (<c>Catalog:Rules:MaxWaitingReferences</c>); beyond it the rest are
    /// dropped and the run's report says so. Every waiting reference is a row checked when targets arrive.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxWaitingReferences { get; set; } = SourceRule.DefaultMaxWaiting;

    /// <summary>What a repository may define, as configured or by default.</summary>
    public SourceRule ForRepositories => new("a repository's catalog file", $"{Section}:Repositories", Canonical(Repositories ?? RepositoryDefault)) { MaxWaiting = MaxWaitingReferences };

    /// <summary>What an admin's import may define, as configured or by default.</summary>
    public SourceRule ForImports => new("an import", $"{Section}:Imports", Canonical(Imports ?? Everything)) { MaxWaiting = MaxWaitingReferences };

    /// <summary>The GitHub team sync: teams and their members, nothing else.</summary>
    public static SourceRule ForGitHubTeams { get; } = new("the GitHub team sync", null, new HashSet<string> { BackstageKinds.Group, BackstageKinds.User });

    /// <summary>Services Portal makes for repositories without a catalog file.</summary>
    public static SourceRule ForInferredServices { get; } = new("a repository without a catalog file", null, new HashSet<string> { BackstageKinds.Component });

    /// <summary>The demo company: everything, like an admin's import.</summary>
    public static SourceRule ForDemo { get; } = new("the demo data", null, Everything.ToHashSet(StringComparer.Ordinal));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, kinds) in new[] { ("Repositories", Repositories), ("Imports", Imports) })
        {
            foreach (var kind in kinds ?? [])
            {
                if (BackstageKinds.Canonical(kind) is null)
                {
                    yield return new ValidationResult(
                        $"{Section}:{name}: '{kind}' is not a kind Portal knows (use {string.Join(", ", Everything)}).", [name]);
                }
            }
        }
    }

    private static HashSet<string> Canonical(IEnumerable<string> kinds) =>
        [.. kinds.Select(BackstageKinds.Canonical).OfType<string>()];
}
