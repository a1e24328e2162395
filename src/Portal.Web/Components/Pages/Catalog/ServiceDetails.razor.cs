using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Security;
using Portal.Domain.Sync.Queries;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>
/// A service: what it is, who owns it and who is on call (first on a phone), what it calls and what calls it,
/// what breaks if it goes down. The Edit button is always there; when the viewer may not edit, it is disabled and
/// says who owns the service and whom to ask.
/// </summary>
public partial class ServiceDetails
{
    /// <summary>How far up the team tree to look for the viewer's team that grants the right to edit.</summary>
    private const int MaxTeamDepth = 8;

    private ServiceDetailsDto? _service;
    private RepositoryEvidence? _evidence;
    private bool _loading = true;
    private EditPermission _edit = new(false, null);
    private bool _isAdmin;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public string? Namespace { get; set; }

    [Parameter] public required string Name { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private string Reference => Namespace is null ? Name : $"{Namespace}/{Name}";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _service = await Queries.GetServiceAsync(Reference);
        _evidence = _service is null ? null : await SyncQueries.EvidenceForServiceAsync(_service.Id, CancellationToken.None);
        _edit = _service is null ? new(false, null) : await EditPermissionAsync(_service);
        _crumbs = [new("Catalog", "/catalog"), new(_service?.DisplayName ?? Name, null, disabled: true)];
        _loading = false;
    }

    private async Task<EditPermission> EditPermissionAsync(ServiceDetailsDto service)
    {
        var actor = await Actors.ResolveAsync((await AuthState).User);
        var canEdit = actor.CanEdit(service.OwnerTeamId);
        _isAdmin = actor.IsAdmin;
        var granting = canEdit && !actor.IsAdmin && service.Owner is { } owner
            ? await GrantingTeamAsync(actor, EntityRef.Format(owner.Namespace, owner.Name))
            : null;
        return EditPermission.For(canEdit, actor.IsAdmin, actor.Role == PortalRole.Viewer, service.Owner?.DisplayName, service.OwnerContact, granting);
    }

    /// <summary>The nearest team above the owner that the viewer is a member of; null when they are in the owning team itself.</summary>
    private async Task<string?> GrantingTeamAsync(Actor actor, string ownerRef)
    {
        var team = await Queries.GetTeamAsync(ownerRef);
        for (var depth = 0; team is not null && depth < MaxTeamDepth; depth++)
        {
            if (team.Members.Any(m => m.Name == actor.Name))
            {
                return depth == 0 ? null : team.DisplayName;
            }

            team = team.Parent is { } parent ? await Queries.GetTeamAsync(EntityRef.Format(parent.Namespace, parent.Name)) : null;
        }

        return null;
    }

    /// <summary>
    /// The system the source names while it is not in the catalog yet (<c>payments</c>, or <c>ns/payments</c> outside
    /// the default namespace), for the System row; null when the service has no waiting system.
    /// </summary>
    private static string? WaitingSystem(ServiceDetailsDto service)
    {
        if (service.System is not null || service.Waiting.FirstOrDefault(w => w.Field == "system") is not { } waiting)
        {
            return null;
        }

        var target = waiting.Target;
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var (ns, name) = EntityRef.Parse(colon < 0 ? target : target[(colon + 1)..]);
        return EntityRef.Format(ns, name);
    }

    private static Color TierColor(int tier) => tier switch { 1 => Color.Error, 2 => Color.Warning, _ => Color.Default };
}
