using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Ingest.Catalog;

/// <summary>
/// A catalog record as the audit log shows it before and after a source wrote it: its own fields, owner,
/// system, parent, members (of a team) and teams (of a person), and where it came from. Edges and API relations are left out (each edge is
/// its own record with its own audit when people edit it).
/// </summary>
internal static class RecordSnapshot
{
    public static Dictionary<string, object?> Of(CatalogEntity entity)
    {
        var snapshot = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["namespace"] = entity.Namespace,
            ["name"] = entity.Name,
            ["title"] = entity.Title,
            ["description"] = entity.Description,
        };
        switch (entity)
        {
            case Service s:
                snapshot["type"] = s.Kind;
                snapshot["tier"] = s.Tier;
                snapshot["lifecycle"] = s.Lifecycle.ToString();
                snapshot["owner"] = s.OwnerTeam?.Ref ?? s.OwnerRef;
                snapshot["system"] = s.System?.Ref;
                snapshot["repositoryUrl"] = s.RepositoryUrl;
                snapshot["tags"] = s.Tags.ToArray();
                snapshot["links"] = s.Links.Select(l => l.Url).ToArray();
                break;
            case Team t:
                snapshot["type"] = t.Type;
                snapshot["email"] = t.Email;
                snapshot["contactChannel"] = t.ContactChannel;
                snapshot["parent"] = t.ParentTeam?.Ref;
                snapshot["members"] = t.Memberships.Select(m => $"{m.Person?.Ref ?? m.PersonId.ToString()}:{m.Role}").Order(StringComparer.Ordinal).ToArray();
                snapshot["isGone"] = t.IsGone;
                break;
            case Person p:
                snapshot["email"] = p.Email;
                snapshot["gitHubLogin"] = p.GitHubLogin;
                // A membership just removed has left its team's list (the person's list follows on save).
                snapshot["memberOf"] = p.Memberships.Where(m => m.Team is null || m.Team.Memberships.Contains(m))
                    .Select(m => $"{m.Team?.Ref ?? m.TeamId.ToString()}:{m.Role}").Order(StringComparer.Ordinal).ToArray();
                break;
            case Api a:
                snapshot["type"] = a.Type;
                snapshot["lifecycle"] = a.Lifecycle.ToString();
                snapshot["owner"] = a.OwnerTeam?.Ref;
                snapshot["system"] = a.System?.Ref;
                snapshot["definitionLength"] = a.Definition?.Length;
                break;
            case Resource r:
                snapshot["type"] = r.Type.ToString();
                snapshot["owner"] = r.OwnerTeam?.Ref;
                snapshot["system"] = r.System?.Ref;
                break;
            case SoftwareSystem y:
                snapshot["owner"] = y.OwnerTeam?.Ref;
                snapshot["domain"] = y.Domain?.Ref;
                break;
            case BusinessDomain d:
                snapshot["owner"] = d.OwnerTeam?.Ref;
                break;
        }

        snapshot["annotations"] = entity.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value);
        snapshot["source"] = entity.Source.ToString();
        snapshot["sourceLocation"] = entity.SourceLocation;
        snapshot["isOrphaned"] = entity.IsOrphaned;
        return snapshot;
    }
}
