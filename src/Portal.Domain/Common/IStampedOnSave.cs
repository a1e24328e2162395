namespace Portal.Domain.Common;

/// <summary>
/// A row that records when it was saved. Just before saving, the DbContext calls <see cref="Stamp"/> on every
/// added or tracked row with the time of its injected <see cref="TimeProvider"/>, so entities never read a
/// clock of their own and tests control time with one fake clock.
/// </summary>
internal interface IStampedOnSave
{
    /// <summary>Sets the row's save times; returns true when it changed any of them.</summary>
    /// <param name="utcNow">The time of this save, UTC.</param>
    /// <param name="added">The row is being inserted.</param>
    bool Stamp(DateTime utcNow, bool added);
}
