package app.cutout.web.app;

import org.teavm.jso.JSExport;

public final class Main {
    record P(int a, String b) {}
    public static void main(String[] args) {
        var p = new P(1, "x");
        System.out.println("hello " + p + " " + p.equals(new P(1, "x")));
    }

    @JSExport
    public static void initWorker() {
        System.out.println("worker hello");
    }
}
