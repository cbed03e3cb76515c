/** A user's program: on the module path it reads Myelin's core module like any other. */
module dev.myelin.example.consumer {
    requires dev.myelin.core;
}
