using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Csv;

/// <summary>One item of an import file as the preview lists it.</summary>
/// <param name="Line">The file's line.</param>
/// <param name="Title">The item's title.</param>
/// <param name="Services">Affected services by reference.</param>
/// <param name="Status">The status it will have.</param>
/// <param name="Signal">Its signal.</param>
/// <param name="EffortDays">Effort in engineer-days.</param>
/// <param name="Id">The created item; null in a preview.</param>
public sealed record DebtImportItem(int Line, string Title, IReadOnlyList<string> Services, DebtStatus Status, ScalingSignal Signal, double EffortDays, Guid? Id = null);
