using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Pages.Initiatives;

namespace Portal.Web.Components.Pages.Reviews;

/// <summary>What every review page needs: who is signed in as a domain actor, the clock, and a snackbar.</summary>
public abstract class ReviewPageBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] protected TimeProvider Clock { get; set; } = null!;

    [Inject] protected ISnackbar Snackbar { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    [Inject] protected ViewerContext Viewer { get; set; } = null!;

    /// <summary>Now (UTC), from the injected clock.</summary>
    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Today where the viewer is (their chosen or browser time zone): due dates are calendar days, so "overdue", the
    /// earliest due date a form accepts and this quarter are counted from the viewer's day, not the server's.
    /// </summary>
    protected DateOnly Today => InitiativeFormat.Today(Clock, Viewer.Settings.TimeZone);

    /// <summary>Who is signed in, as the domain sees them (role and teams).</summary>
    protected async Task<Actor> CurrentActorAsync() => await Actors.ResolveAsync((await AuthState).User);
}
