using Portal.EndToEnd.Tests;
using Xunit.Sdk;
using Xunit.v3;

// One Chromium for the whole run; each test opens its own browser context.
[assembly: AssemblyFixture(typeof(BrowserFixture))]

// Two cores, two apps and a browser: running classes side by side makes timings flaky, not faster.
[assembly: Parallelization(Mode = ParallelMode.None)]
