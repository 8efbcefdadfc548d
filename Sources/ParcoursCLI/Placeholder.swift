public enum ParcoursCommand { public static func main() async {} }
