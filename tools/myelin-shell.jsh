// Startup of ./myelin-shell: Myelin's packages imported, as `import torch` would be.
import dev.myelin.Myelin;
import dev.myelin.tensor.*;
import dev.myelin.nn.*;
import dev.myelin.optim.*;
import dev.myelin.data.*;
import dev.myelin.io.*;
import static dev.myelin.tensor.Functional.*;
System.out.println("Myelin " + (Myelin.vectorized() ? "with its vector kernels" : "on scalar kernels") + ", " + Myelin.threads() + " threads. Try: var x = Tensor.randn(new Generator(0), 2, 3); x.matmul(x.transpose(0, 1))");
