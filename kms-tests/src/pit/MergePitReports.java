import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Merges PIT's mutations.xml reports of runs over the same classes: a mutant counts as killed
 * when a test of any run killed it (or it timed out or ran out of memory), so the score is that
 * of every run's tests together. Prints the score overall, per package and per class, then every
 * surviving mutant (also into the file {@code --out} names); exits with 1 when the score is
 * below {@code --threshold} (percent).
 *
 * <p>Run with the source launcher, after the PIT runs of docs/MUTATION.md:
 * {@code java kms-tests/src/pit/MergePitReports.java --threshold 90 --out merged.md a.xml b.xml}
 */
public final class MergePitReports {
  /**
   * What counts as killed. Not RUN_ERROR, which PIT counts as detected: a minion that dies (for
   * example after a timeout on a loaded machine) leaves the mutants it had not run yet in that
   * state, with no test run; nor NON_VIABLE.
   */
  private static final List<String> KILLED = List.of("KILLED", "TIMED_OUT", "MEMORY_ERROR");

  private MergePitReports() {}

  /** One mutant: where it is, what it does, and whether some run detected it. */
  private static final class Mutant {
    final String mutatedClass;
    final String method;
    final int line;
    final String mutator;
    final String description;
    boolean detected;
    final List<String> statuses = new ArrayList<>();

    Mutant(String mutatedClass, String method, int line, String mutator, String description) {
      this.mutatedClass = mutatedClass;
      this.method = method;
      this.line = line;
      this.mutator = mutator;
      this.description = description;
    }
  }

  public static void main(String[] args) throws Exception {
    double threshold = 0;
    File out = null;
    List<File> reports = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threshold")) {
        threshold = Double.parseDouble(args[++i]);
      } else if (args[i].equals("--out")) {
        out = new File(args[++i]);
      } else {
        reports.add(new File(args[i]));
      }
    }
    if (reports.isEmpty()) {
      System.err.println("usage: MergePitReports [--threshold PCT] [--out FILE] mutations.xml...");
      System.exit(2);
    }
    Map<String, Mutant> mutants = new LinkedHashMap<>();
    int merged = 0;
    for (File report : reports) {
      if (!report.isFile()) {
        System.out.println("no report at " + report + " (its run was not in the reactor)");
        continue;
      }
      merged++;
      NodeList list = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report)
          .getElementsByTagName("mutation");
      for (int i = 0; i < list.getLength(); i++) {
        Element m = (Element) list.item(i);
        String cls = text(m, "mutatedClass");
        String key = String.join("|", cls, text(m, "mutatedMethod"),
            text(m, "methodDescription"), text(m, "lineNumber"), text(m, "mutator"),
            indexes(m));
        Mutant mutant = mutants.computeIfAbsent(key, k -> new Mutant(cls,
            text(m, "mutatedMethod"), Integer.parseInt(text(m, "lineNumber")),
            shortName(text(m, "mutator")), text(m, "description")));
        mutant.detected |= KILLED.contains(m.getAttribute("status"));
        mutant.statuses.add(m.getAttribute("status"));
      }
    }
    Map<String, int[]> byClass = new TreeMap<>();
    Map<String, int[]> byPackage = new TreeMap<>();
    int killed = 0;
    for (Mutant m : mutants.values()) {
      String outer = m.mutatedClass.replaceAll("\\$.*", "");
      String pkg = outer.substring(0, Math.max(0, outer.lastIndexOf('.')));
      for (int[] c : List.of(byClass.computeIfAbsent(outer, k -> new int[2]),
          byPackage.computeIfAbsent(pkg, k -> new int[2]))) {
        c[1]++;
        if (m.detected) {
          c[0]++;
        }
      }
      if (m.detected) {
        killed++;
      }
    }
    double score = mutants.isEmpty() ? 0 : 100.0 * killed / mutants.size();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    System.out.printf("Merged %d reports: %d of %d mutants killed (%.1f%%)%n", merged,
        killed, mutants.size(), score);
    System.out.println();
    System.out.println("| package | killed | score |");
    System.out.println("|---|---|---|");
    byPackage.forEach((k, c) -> System.out.println(row(k, c)));
    System.out.println();
    System.out.println("| class | killed | score |");
    System.out.println("|---|---|---|");
    byClass.forEach((k, c) -> System.out.println(row(k, c)));
    System.out.println();
    System.out.println("Survivors:");
    for (Mutant m : mutants.values()) {
      if (!m.detected) {
        System.out.printf("  %s.%s line %d %s: %s %s%n", m.mutatedClass, m.method, m.line,
            m.mutator, m.description, m.statuses);
      }
    }
    System.setOut(console);
    String text = buffer.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    if (out != null) {
      Files.writeString(out.toPath(), text, StandardCharsets.UTF_8);
    }
    if (score < threshold) {
      System.out.printf("%nMutation score %.1f%% is below the threshold %.1f%%%n", score,
          threshold);
      System.exit(1);
    }
  }

  private static String row(String name, int[] c) {
    return String.format("| %s | %d/%d | %.0f%% |", name, c[0], c[1], 100.0 * c[0] / c[1]);
  }

  private static String text(Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
  }

  private static String indexes(Element e) {
    StringBuilder b = new StringBuilder();
    NodeList l = e.getElementsByTagName("index");
    for (int i = 0; i < l.getLength(); i++) {
      Node n = l.item(i);
      b.append(n.getTextContent().trim()).append(',');
    }
    return b.toString();
  }

  private static String shortName(String mutator) {
    return mutator.substring(mutator.lastIndexOf('.') + 1);
  }
}
