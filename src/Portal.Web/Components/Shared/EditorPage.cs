using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Security;
using Portal.Web.Auth;

namespace Portal.Web.Components.Shared;

/// <summary>
/// What every page that edits one catalog record (<c>/{Name}</c> or <c>/{Namespace}/{Name}</c>) needs: the
/// route parameters, the record's reference, and who is signed in as a domain actor.
/// </summary>
public abstract class EditorPage : ComponentBase
{
    [Parameter] public string? Namespace { get; set; }

    [Parameter] public required string Name { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] protected CatalogQueries Queries { get; set; } = null!;

    [Inject] protected ISnackbar Snackbar { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    /// <summary>The record's reference: its name, or <c>ns/name</c>.</summary>
    protected string Reference => Namespace is null ? Name : $"{Namespace}/{Name}";

    /// <summary>Who is signed in, as the domain sees them (role and teams).</summary>
    protected async Task<Actor> CurrentActorAsync() => await Actors.ResolveAsync((await AuthState).User);
}
