package dev.ronkms.cli;

import dev.ronkms.providers.ProviderInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kms providers}: every discovered provider and which one is selected. */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "List the providers found and the one selected.")
final class ProvidersCommand implements Callable<Integer> {
  private final Session session;

  ProvidersCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    List<ProviderInfo> providers = session.kms().providers();
    if (session.json) {
      session.emit(Json.object("providers", providers.stream().map(p -> Json.object(
          "name", p.name(), "kind", p.kind().toString(), "priority", p.priority(),
          "selected", p.selected(),
          "capabilities", p.capabilities().stream().map(Enum::name).sorted().toList(),
          "implementation", p.implementation())).toList()), null);
    } else {
      print(providers, session.out::println);
    }
    return 0;
  }

  static void print(List<ProviderInfo> providers, java.util.function.Consumer<String> line) {
    for (ProviderInfo p : providers) {
      line.accept(String.format("  %s %-6s %-8s priority %3d  capabilities %s  (%s)",
          p.selected() ? "*" : " ", p.name(), p.kind(), p.priority(),
          p.capabilities().stream().map(Enum::name).sorted().toList(), p.implementation()));
    }
  }
}
