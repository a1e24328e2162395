using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Shared;
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

    [Inject] private MissingRecord Missing { get; set; } = null!;

    /// <summary>Now (UTC), from the injected clock.</summary>
    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Today where the viewer is (their chosen or browser time zone): due dates are calendar days, so "overdue", the
    /// earliest due date a form accepts and this quarter are counted from the viewer's day, not the server's.
    /// </summary>
    protected DateOnly Today => InitiativeFormat.Today(Clock, Viewer.Settings.TimeZone);

    /// <summary>
    /// There is no review of <paramref name="quarter"/>: answers 404 with the not-found page saying so, with a link back
    /// to the list of reviews (where one can be started), instead of this page.
    /// </summary>
    protected void ShowNoReview(string quarter)
    {
        var named = Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        Missing.Set(Navigation.Uri, $"There is no review of {named}", Quarter.TryParse(quarter, out _)
                ? "Nobody has started a review of that quarter. The list of reviews has every quarter that has one, and is where a review is started."
                : $"“{quarter}” is not a quarter: reviews are addressed by quarter, such as 2026-Q4.",
            "Back to the reviews", "/reviews");
        Navigation.NotFound();
    }

    /// <summary>Who is signed in, as the domain sees them (role and teams).</summary>
    protected async Task<Actor> CurrentActorAsync() => await Actors.ResolveAsync((await AuthState).User);
}
