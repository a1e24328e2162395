using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using YamlDotNet.RepresentationModel;
using static Portal.Ingest.Backstage.BackstageYaml;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Writes the catalog as Backstage YAML: one multi-document file per kind and an <c>all.yaml</c>
/// Location naming them. Importing the result changes nothing: Portal-only fields travel as
/// <see cref="PortalAnnotations"/> and the <c>spec.interactions</c> extension.
/// </summary>
/// <remarks>
/// Backstage cannot represent a record without an owner or an API without a definition, and orphaned
/// records are no longer in any source; these are left out and listed in a comment at the top of their file.
/// </remarks>
public sealed partial class BackstageExporter(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const string LocationFileName = "all.yaml";

    private const string ApiVersion = "backstage.io/v1alpha1";

    /// <summary>The files <see cref="ExportAsync"/> writes, in the order of <see cref="BackstageKinds.Imported"/>.</summary>
    public static IReadOnlyList<string> KindFileNames { get; } =
        ["groups.yaml", "users.yaml", "domains.yaml", "systems.yaml", "resources.yaml", "apis.yaml", "components.yaml"];

    public async Task<IReadOnlyList<CatalogFile>> ExportAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var data = await ExportSnapshot.LoadAsync(db, ct);
        var files = new List<CatalogFile>
        {
            Groups(data),
            Users(data),
            Domains(data),
            Systems(data),
            Resources(data),
            Apis(data),
            Components(data),
        };
        files.Add(new CatalogFile(LocationFileName, "# The whole Portal catalog, exported as Backstage entities.\n" + Write([Location()])));
        return files;
    }

    /// <summary>How many entities an export would write (teams, people, domains, systems, resources, APIs, services), counted in the database.</summary>
    public async Task<int> CountEntitiesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.CountAsync(ct) + await db.People.CountAsync(ct) + await db.Domains.CountAsync(ct) + await db.Systems.CountAsync(ct)
            + await db.Resources.CountAsync(ct) + await db.Apis.CountAsync(ct) + await db.Services.CountAsync(ct);
    }

    /// <summary>Writes <see cref="ExportAsync"/>'s files into <paramref name="directory"/>, creating it if needed.</summary>
    public async Task ExportToDirectoryAsync(string directory, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        foreach (var file in await ExportAsync(ct))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, file.Path), file.Content, new UTF8Encoding(false), ct);
        }
    }

    private static CatalogFile Groups(ExportSnapshot data)
    {
        var children = data.Teams.Where(t => t.ParentTeamId is not null).ToLookup(t => t.ParentTeamId!.Value);
        return Build("groups.yaml", "Groups", data.Teams, (team, _) =>
        {
            var spec = new YamlMappingNode { { "type", Scalar(team.Type) } };
            var profile = new YamlMappingNode();
            AddIf(profile, "displayName", team.Title);
            AddIf(profile, "email", team.Email);
            if (profile.Children.Count > 0)
            {
                spec.Add("profile", profile);
            }

            if (data.RefOrWaiting(team.ParentTeamId, team, "parent", BackstageKinds.Group) is { } parent)
            {
                spec.Add("parent", Scalar(parent));
            }

            spec.Add("children", FlowSequence(children[team.Id].Select(c => data.Ref(c.Id, BackstageKinds.Group, team.Namespace))
                .Concat(data.Waiting(team, "children", BackstageKinds.Group)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            var waitingMembers = data.Waiting(team, "members", BackstageKinds.User).Order(StringComparer.Ordinal).ToList();
            if (waitingMembers.Count > 0)
            {
                // Members a group lists whose users are not in the catalog yet (the users' memberOf says the rest).
                spec.Add("members", FlowSequence(waitingMembers));
            }
            var annotations = new Dictionary<string, string>();
            if (team.ContactChannel is not null)
            {
                annotations[PortalAnnotations.ContactChannel] = team.ContactChannel;
            }

            return Envelope(BackstageKinds.Group, team, spec, annotations, writeTitle: false);
        });
    }

    private static CatalogFile Users(ExportSnapshot data)
    {
        var memberships = data.Memberships.ToLookup(m => m.PersonId, m => m.TeamId);
        return Build("users.yaml", "Users", data.People, (person, _) =>
        {
            var spec = new YamlMappingNode();
            var profile = new YamlMappingNode();
            AddIf(profile, "displayName", person.Title);
            AddIf(profile, "email", person.Email);
            if (profile.Children.Count > 0)
            {
                spec.Add("profile", profile);
            }

            spec.Add("memberOf", FlowSequence(memberships[person.Id].Select(t => data.Ref(t, BackstageKinds.Group, person.Namespace))
                .Concat(data.Waiting(person, "memberOf", BackstageKinds.Group)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            var annotations = person.Phone is null ? null : new Dictionary<string, string> { [PortalAnnotations.Phone] = person.Phone };
            return Envelope(BackstageKinds.User, person, spec, annotations, writeTitle: false);
        });
    }

    private static CatalogFile Domains(ExportSnapshot data) =>
        Build("domains.yaml", "Domains", data.Domains, (domain, skip) =>
            data.OwnerOf(domain) is not { } owner
                ? skip("no owning team")
                : Envelope(BackstageKinds.Domain, domain, new YamlMappingNode { { "owner", Scalar(owner) } }));

    private static CatalogFile Systems(ExportSnapshot data) =>
        Build("systems.yaml", "Systems", data.Systems, (system, skip) =>
        {
            if (data.OwnerOf(system) is not { } owner)
            {
                return skip("no owning team");
            }

            var spec = new YamlMappingNode { { "owner", Scalar(owner) } };
            if (data.RefOrWaiting(system.DomainId, system, "domain", BackstageKinds.Domain) is { } domain)
            {
                spec.Add("domain", Scalar(domain));
            }

            return Envelope(BackstageKinds.System, system, spec);
        });

    private static CatalogFile Resources(ExportSnapshot data) =>
        Build("resources.yaml", "Resources", data.Resources, (resource, skip) =>
        {
            if (data.OwnerOf(resource) is not { } owner)
            {
                return skip("no owning team");
            }

            var spec = new YamlMappingNode
            {
                { "type", Scalar(resource.Type.ToString().ToLowerInvariant()) },
                { "owner", Scalar(owner) },
            };
            if (data.RefOrWaiting(resource.SystemId, resource, "system", BackstageKinds.System) is { } system)
            {
                spec.Add("system", Scalar(system));
            }

            return Envelope(BackstageKinds.Resource, resource, spec);
        });

    private static CatalogFile Apis(ExportSnapshot data) =>
        Build("apis.yaml", "APIs", data.Apis, (api, skip) =>
        {
            if (data.OwnerOf(api) is not { } owner)
            {
                return skip("no owning team");
            }

            if (string.IsNullOrWhiteSpace(api.Definition))
            {
                return skip("no definition");
            }

            var spec = new YamlMappingNode
            {
                { "type", Scalar(api.Type) },
                { "lifecycle", Scalar(Wire(api.Lifecycle)) },
                { "owner", Scalar(owner) },
            };
            if (data.RefOrWaiting(api.SystemId, api, "system", BackstageKinds.System) is { } system)
            {
                spec.Add("system", Scalar(system));
            }

            if (ApiDefinitions.TryParsePlaceholder(api.Definition, out var name, out var value))
            {
                spec.Add("definition", new YamlMappingNode { { name, Scalar(value) } });
            }
            else if (ApiDefinitions.IsRemoteType(api.Type) && ApiDefinitions.TryParseRemotes(api.Definition) is { } remotes)
            {
                spec.Add("remotes", remotes);
            }
            else
            {
                spec.Add("definition", Scalar(api.Definition));
            }

            return Envelope(BackstageKinds.Api, api, spec);
        });

    private static YamlMappingNode Location()
    {
        var metadata = new YamlMappingNode
        {
            { "name", Scalar("portal-export") },
            { "description", Scalar("Every entity exported from Portal, one file per kind.") },
        };
        var spec = new YamlMappingNode { { "targets", BlockSequence(KindFileNames.Select(f => Scalar("./" + f))) } };
        return new YamlMappingNode
        {
            { "apiVersion", Scalar(ApiVersion) },
            { "kind", Scalar(BackstageKinds.Location) },
            { "metadata", metadata },
            { "spec", spec },
        };
    }

    private static YamlMappingNode Envelope(
        string kind,
        CatalogEntity entity,
        YamlMappingNode spec,
        IReadOnlyDictionary<string, string>? portalAnnotations = null,
        bool writeTitle = true,
        Action<YamlMappingNode>? extraMetadata = null)
    {
        var metadata = new YamlMappingNode { { "name", Scalar(entity.Name) } };
        if (entity.Namespace != CatalogName.DefaultNamespace)
        {
            metadata.Add("namespace", Scalar(entity.Namespace));
        }

        if (writeTitle)
        {
            AddIf(metadata, "title", entity.Title);
        }

        AddIf(metadata, "description", entity.Description);
        var annotations = entity.Annotations.Where(a => !PortalAnnotations.IsReserved(a.Key)).Concat(portalAnnotations ?? new Dictionary<string, string>())
            .OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        if (annotations.Count > 0)
        {
            var map = new YamlMappingNode();
            foreach (var (key, value) in annotations)
            {
                map.Add(Scalar(key), Scalar(value));
            }

            metadata.Add("annotations", map);
        }

        extraMetadata?.Invoke(metadata);
        return new YamlMappingNode
        {
            { "apiVersion", Scalar(ApiVersion) },
            { "kind", Scalar(kind) },
            { "metadata", metadata },
            { "spec", spec },
        };
    }

    /// <summary>One file of one kind: a comment naming what was left out and why, then a document per entity.</summary>
    private static CatalogFile Build<T>(string fileName, string title, IEnumerable<T> entities, Func<T, Func<string, YamlMappingNode?>, YamlMappingNode?> document)
        where T : CatalogEntity
    {
        var documents = new List<YamlNode>();
        var skipped = new List<string>();
        foreach (var entity in entities.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entity.IsOrphaned)
            {
                skipped.Add($"{entity.Ref} (orphaned: gone from its source)");
                continue;
            }

            YamlMappingNode? Skip(string reason)
            {
                skipped.Add($"{entity.Ref} ({reason})");
                return null;
            }

            if (document(entity, Skip) is { } node)
            {
                documents.Add(node);
            }
        }

        var header = new StringBuilder($"# {title} exported from Portal: {documents.Count} entities.\n");
        foreach (var line in skipped)
        {
            header.Append("# Left out: ").Append(line).Append('\n');
        }

        return new CatalogFile(fileName, header + Write(documents));
    }

    private static void AddIf(YamlMappingNode map, string key, string? value, bool typed = false)
    {
        if (value is not null)
        {
            map.Add(key, typed ? Typed(value) : Scalar(value));
        }
    }

    private static string? Bool(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static string Wire(Lifecycle lifecycle) => lifecycle.ToString().ToLowerInvariant();

    private static string? GitHubUrl(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(PortalAnnotations.GitHubProjectSlug, out var slug) ? $"https://github.com/{slug.Trim()}" : null;
}
