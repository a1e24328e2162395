namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// What <see cref="RefusalAuditThrottle.Admit"/> decided: whether to write this refusal's entry and, if so, how many of
/// the same caller's refusals since its last entry were left out and not yet summarised (to be named on this entry).
/// </summary>
public readonly record struct RefusalAdmission(bool Write, int LeftOut);
