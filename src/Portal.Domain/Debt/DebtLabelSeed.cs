using Portal.Domain.Signals;

namespace Portal.Domain.Debt;

/// <summary>The assessment a new mirrored item starts with: defaults, or what its issue's labels said (<see cref="DebtLabels"/>).</summary>
public sealed record DebtLabelSeed(ScalingSignal Signal, DebtKind Kind, DebtQuadrant Quadrant, int Likelihood, int Impact, double EffortDays);
